package omnibus

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Labeller names catalogue keys in the reader's language (the
// localiser's T).
type Labeller func(key string, args ...any) string

// AnswerText renders an answer as one line of text in lang: what the
// export and the reading pages print.
func AnswerText(q *Question, v Value, files []*File, lang string, t Labeller) string {
	switch q.Type {
	case TypeYesNoPartial:
		if v.Choice != "" {
			return t("omnibus.answer." + v.Choice)
		}
	case TypeSingle:
		return q.OptionLabel(v.Choice, lang)
	case TypeMultiple:
		var parts []string
		for _, c := range v.Choices {
			parts = append(parts, q.OptionLabel(c, lang))
		}
		return strings.Join(parts, "; ")
	case TypeNumber:
		if v.Number != nil {
			return strconv.FormatFloat(*v.Number, 'f', -1, 64)
		}
	case TypeDate:
		return v.Date
	case TypeText:
		return v.Text
	case TypeCitation:
		if c := v.Citation; c != nil {
			s := c.Title
			if c.Article != "" {
				s += ", " + c.Article
			}
			if c.Year != 0 {
				s += fmt.Sprintf(" (%d)", c.Year)
			}
			if c.Link != "" {
				s += " " + c.Link
			}
			return s
		}
	case TypeAssistance:
		if a := v.Assistance; a != nil {
			s := t("omnibus.assistance."+a.Type) + " · " + t("omnibus.priority."+a.Priority)
			if a.Description != "" {
				s += ": " + a.Description
			}
			return s
		}
	case TypeFile:
		var names []string
		for _, f := range files {
			if f.Question == q.ID {
				names = append(names, f.Name)
			}
		}
		return strings.Join(names, "; ")
	}
	return ""
}

// WriteXLSX writes a sheet's answers as a workbook in lang: one sheet of
// answers, question by question, and one of the gap analysis.
func WriteXLSX(sh *Sheet, lang string, t Labeller, place func(string) string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	answers := t("omnibus.xlsx.answers")
	if err := f.SetSheetName("Sheet1", answers); err != nil {
		return nil, err
	}
	q := sh.Questionnaire
	header := []any{t("omnibus.xlsx.article"), t("omnibus.xlsx.question_id"), t("omnibus.xlsx.question"),
		t("omnibus.xlsx.shown"), t("omnibus.xlsx.answer")}
	rows := [][]any{
		{q.Title.In(lang), place(sh.Assessment.Country), fmt.Sprintf("v%d", sh.Assessment.Version), t("omnibus.status." + string(sh.Assessment.Status))},
		header,
	}
	for _, art := range q.Articles {
		for _, qu := range art.Questions {
			shown := t("omnibus.answer.yes")
			if !Visible(q, qu, sh.Answers) {
				shown = t("omnibus.answer.no")
			}
			rows = append(rows, []any{art.Number, qu.ID, qu.Text.In(lang), shown, AnswerText(qu, sh.Answers[qu.ID], sh.Files, lang, t)})
		}
	}
	if err := writeRows(f, answers, rows); err != nil {
		return nil, err
	}
	gapsName := t("omnibus.xlsx.gaps")
	if _, err := f.NewSheet(gapsName); err != nil {
		return nil, err
	}
	g := GapsOf(sh)
	rows = [][]any{{t("omnibus.xlsx.article"), t("omnibus.xlsx.title"), t("omnibus.xlsx.level"), t("omnibus.xlsx.status")}}
	for i, ag := range g.Articles {
		rows = append(rows, []any{ag.Article, q.Articles[i].Title.In(lang), t("omnibus.level." + string(ag.Level)), t("omnibus.article_status." + string(ag.Status))})
	}
	rows = append(rows, []any{}, []any{t("omnibus.xlsx.needs")})
	for _, n := range g.Needs {
		rows = append(rows, []any{n.Article, t("omnibus.assistance." + n.Assistance.Type), t("omnibus.priority." + n.Assistance.Priority), n.Assistance.Description})
	}
	if err := writeRows(f, gapsName, rows); err != nil {
		return nil, err
	}
	_ = f.SetColWidth(answers, "C", "C", 70)
	_ = f.SetColWidth(answers, "E", "E", 60)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return nil
}
