package collection

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/auth"
)

// Questionnaire writes the XLSX questionnaire of submission id: the
// published layout pre-filled with the country and the draft's values (at
// first the figures already published), txtVALUE empty where nothing is
// held, one description column after the layout, and a sheet of
// instructions in t's language. It returns the file's name.
func (s *Service) Questionnaire(ctx context.Context, by *auth.Principal, id int64, t Translator, w io.Writer) (string, error) {
	if err := auth.Require(by, readers()...); err != nil {
		return "", err
	}
	var sub *Submission
	var r *Round
	var draft []DraftCell
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if sub, r, err = load(ctx, tx, by, id); err != nil {
			return err
		}
		draft, err = draftCells(ctx, tx, id)
		return err
	})
	if err != nil {
		return "", err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := s.writeData(f, sub, r, draft, t); err != nil {
		return "", fmt.Errorf("questionnaire of submission %d: %w", id, err)
	}
	if err := writeInstructions(f, sub, r, t); err != nil {
		return "", fmt.Errorf("questionnaire instructions: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return "", fmt.Errorf("write questionnaire: %w", err)
	}
	return fmt.Sprintf("questionnaire-%s-round-%d.xlsx", sub.ISO3, r.ID), nil
}
