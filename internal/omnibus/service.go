package omnibus

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/treaty"
)

// Treaties is what the room needs of treaty status: who was party when.
type Treaties interface {
	Parties(ctx context.Context, id string, asOf time.Time) ([]treaty.Action, error)
}

// Places is what the room needs of geo: country codes and the UN regional
// groups.
type Places interface {
	Known(iso3 string) bool
	Country(iso3 string) (geo.Country, bool)
	Grouping(ctx context.Context, id string) (*geo.Grouping, error)
}

// Accounts finds the account an analyst assigns to a review.
type Accounts interface {
	UserByEmail(ctx context.Context, by *auth.Principal, email string) (*auth.User, error)
}

// Service holds the Omnibus rules: every exported method takes the acting
// principal, checks it before reading, runs one transaction and audits
// what it changes.
type Service struct {
	DB       *db.DB
	Set      *Set
	Treaties Treaties
	Places   Places
	Accounts Accounts
	Index    *search.Index
	Notices  *notify.Service // nil: nobody is told
	Now      func() time.Time
}

// NewService returns the room's service on d with the questionnaires of set.
func NewService(d *db.DB, set *Set, t Treaties, p Places, a Accounts, ix *search.Index) *Service {
	return &Service{DB: d, Set: set, Treaties: t, Places: p, Accounts: a, Index: ix, Now: time.Now}
}

// Today is the service's calendar day (UTC).
func (s *Service) Today() time.Time {
	y, m, d := s.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// Questionnaires lists the questionnaires: public.
func (s *Service) Questionnaires() []*Questionnaire { return s.Set.All() }

// Questionnaire returns one by id, or not found.
func (s *Service) Questionnaire(id string) (*Questionnaire, error) {
	if q := s.Set.Get(id); q != nil {
		return q, nil
	}
	return nil, errs.NotFound()
}

// IsParty reports whether iso3 is party to instrument today.
func (s *Service) IsParty(ctx context.Context, instrument, iso3 string) (bool, error) {
	parties, err := s.Treaties.Parties(ctx, instrument, s.Today())
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(parties, func(a treaty.Action) bool { return a.ISO3 == iso3 }), nil
}

// Start opens iso3's self-assessment on questionnaire qid: its focal point
// (or an admin) only, for an instrument the State is party to.
func (s *Service) Start(ctx context.Context, by *auth.Principal, iso3, qid string) (*Assessment, error) {
	return s.start(ctx, by, iso3, qid, false)
}

func (s *Service) start(ctx context.Context, by *auth.Principal, iso3, qid string, demo bool) (*Assessment, error) {
	if err := requireAnswerer(by, iso3); err != nil {
		return nil, err
	}
	if !s.Places.Known(iso3) {
		return nil, errs.Invalid().Field("country", "err.country_unknown")
	}
	q := s.Set.Get(qid)
	if q == nil {
		return nil, errs.Invalid().Field("questionnaire", "err.omnibus_unknown_questionnaire")
	}
	party, err := s.IsParty(ctx, q.Instrument, iso3)
	if err != nil {
		return nil, err
	}
	if !party {
		return nil, errs.Invalid().Field("questionnaire", "err.omnibus_not_party")
	}
	now := db.Now()
	a := &Assessment{Country: iso3, Questionnaire: q.ID, Instrument: q.Instrument, Version: q.Version,
		Status: AssessmentDraft, StartedBy: by.DisplayName(), StartedAt: now, UpdatedAt: now, Demo: demo}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertAssessment(ctx, tx, a); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.start",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: iso3 + " " + q.ID})
	})
	return a, err
}

// canRead reports whether by may read assessment a: the secretariat, the
// State's own focal point, or — once it is submitted — a member of a review
// of that State on that instrument (a draft is the State's own work).
func canRead(ctx context.Context, tx *sql.Tx, by *auth.Principal, a *Assessment) (bool, error) {
	if by == nil {
		return false, errs.Unauthorised()
	}
	if auth.InCountry(by, a.Country, append([]auth.Role{auth.RoleFocalPoint}, auth.Analysts...)...) {
		return true, nil
	}
	if !by.Has(auth.RoleReviewer) || a.Status != AssessmentSubmitted {
		return false, nil
	}
	return isMemberFor(ctx, tx, by.UserID, a.Country, a.Instrument)
}

// readable loads assessment id for by, or the error to report: not found,
// or forbidden when it exists but is not by's.
func readable(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Assessment, error) {
	if err := auth.Require(by, readersOfAssessments...); err != nil {
		return nil, err
	}
	a, err := getAssessment(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	ok, err := canRead(ctx, tx, by, a)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.Forbidden()
	}
	return a, nil
}

// Assessments lists what by may read: every one for the secretariat, the
// State's own for a focal point, those under review for a reviewer.
func (s *Service) Assessments(ctx context.Context, by *auth.Principal) ([]*Assessment, error) {
	if err := auth.Require(by, readersOfAssessments...); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Assessment, error) {
		var all []*Assessment
		var err error
		switch {
		case isSecretariat(by):
			return listAssessments(ctx, tx, "")
		case by.Has(auth.RoleFocalPoint):
			all, err = listAssessments(ctx, tx, by.Country)
		default:
			all, err = listAssessments(ctx, tx, "")
		}
		if err != nil {
			return nil, err
		}
		var out []*Assessment
		for _, a := range all {
			if ok, err := canRead(ctx, tx, by, a); err != nil {
				return nil, err
			} else if ok {
				out = append(out, a)
			}
		}
		return out, nil
	})
}

// Sheet is an assessment with what a page or an export shows of it.
type Sheet struct {
	Assessment    *Assessment
	Questionnaire *Questionnaire
	Answers       Answers
	Files         []*File
	CanEdit       bool
}

// Open reads assessment id with its answers and files.
func (s *Service) Open(ctx context.Context, by *auth.Principal, id int64) (*Sheet, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Sheet, error) {
		a, err := readable(ctx, tx, by, id)
		if err != nil {
			return nil, err
		}
		return s.sheet(ctx, tx, by, a)
	})
}

func (s *Service) sheet(ctx context.Context, tx *sql.Tx, by *auth.Principal, a *Assessment) (*Sheet, error) {
	q := s.Set.Get(a.Questionnaire)
	if q == nil {
		return nil, errs.Internal(fmt.Errorf("assessment %d: questionnaire %s is not loaded", a.ID, a.Questionnaire))
	}
	answers, err := loadAnswers(ctx, tx, a.ID)
	if err != nil {
		return nil, err
	}
	files, err := listFiles(ctx, tx, a.ID)
	if err != nil {
		return nil, err
	}
	return &Sheet{Assessment: a, Questionnaire: q, Answers: answers, Files: files,
		CanEdit: a.Editable() && requireAnswerer(by, a.Country) == nil}, nil
}

// writable loads assessment id for a change by its answerer while it is a
// draft.
func writable(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Assessment, error) {
	a, err := readable(ctx, tx, by, id)
	if err != nil {
		return nil, err
	}
	if err := requireAnswerer(by, a.Country); err != nil {
		return nil, err
	}
	if !a.Editable() {
		return nil, errs.Conflict("err.omnibus_not_draft")
	}
	return a, nil
}

// MayEdit says whether by may change assessment id now: the check an upload
// passes before a byte of its body is read.
func (s *Service) MayEdit(ctx context.Context, by *auth.Principal, id int64) error {
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		_, err := writable(ctx, tx, by, id)
		return err
	})
}

// SaveArticle stores the answers of one article from a form: all of them
// or, when one is wrong, none (each wrong field is named). File questions
// are left alone: files come through Attach.
func (s *Service) SaveArticle(ctx context.Context, by *auth.Principal, id int64, article string, form url.Values) (*Sheet, error) {
	var out *Sheet
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := writable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		q := s.Set.Get(a.Questionnaire)
		art := q.Article(article)
		if art == nil {
			return errs.NotFound()
		}
		bad := errs.Invalid()
		values := map[string]Value{}
		for _, qu := range art.Questions {
			if qu.Type == TypeFile {
				continue
			}
			v, err := ParseAnswer(qu, form)
			if e := errs.As(err); e != nil && e.Kind == errs.KindInvalid {
				bad.Fields = append(bad.Fields, e.Fields...)
				continue
			} else if err != nil {
				return err
			}
			values[qu.ID] = v
		}
		if err := bad.OrNil(); err != nil {
			return err
		}
		now := db.Now()
		for _, qu := range art.Questions {
			if v, ok := values[qu.ID]; ok {
				if err := saveAnswer(ctx, tx, a.ID, qu.ID, v, by.DisplayName(), now); err != nil {
					return err
				}
			}
		}
		if err := touchAssessment(ctx, tx, a.ID, now); err != nil {
			return err
		}
		a.UpdatedAt = now
		if err := audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.answers_save",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: "article " + article}); err != nil {
			return err
		}
		out, err = s.sheet(ctx, tx, by, a)
		return err
	})
	return out, err
}

// Submit hands the assessment to the secretariat once every required
// question shown is answered; otherwise the articles still open are named.
func (s *Service) Submit(ctx context.Context, by *auth.Principal, id int64) (*Assessment, error) {
	var a *Assessment
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if a, err = writable(ctx, tx, by, id); err != nil {
			return err
		}
		answers, err := loadAnswers(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		q := s.Set.Get(a.Questionnaire)
		open := errs.Invalid().WithKey("err.omnibus_incomplete")
		for _, art := range q.Articles {
			if p := ArticleProgress(q, art, answers); !p.Complete() {
				open.Field("article-"+art.Number, "err.omnibus_article_open", "Article", art.Number, "Open", p.RequiredOpen)
			}
		}
		if err := open.OrNil(); err != nil {
			return err
		}
		now := db.Now()
		a.Status, a.SubmittedAt, a.SubmittedBy, a.UpdatedAt = AssessmentSubmitted, &now, by.DisplayName(), now
		if err := setAssessmentStatus(ctx, tx, a); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.submit",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: a.Country + " " + a.Questionnaire})
	})
	if err == nil {
		s.tellAnalysts(ctx, a)
	}
	return a, err
}

// Reopen returns a submitted assessment to its State as a draft: analysts.
func (s *Service) Reopen(ctx context.Context, by *auth.Principal, id int64) (*Assessment, error) {
	if err := auth.Require(by, auth.Analysts...); err != nil {
		return nil, err
	}
	var a *Assessment
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if a, err = getAssessment(ctx, tx, id); err != nil {
			return err
		}
		if a.Status != AssessmentSubmitted {
			return errs.Conflict("err.omnibus_not_submitted")
		}
		a.Status, a.SubmittedAt, a.UpdatedAt = AssessmentDraft, nil, db.Now()
		if err := setAssessmentStatus(ctx, tx, a); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.reopen",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: a.Country + " " + a.Questionnaire})
	})
	if err == nil {
		s.tellReopened(ctx, a)
	}
	return a, err
}

// Import copies into the unanswered questions of assessment id the answers
// the same State gave to the questions they import from in its other
// assessments; it returns how many it copied.
func (s *Service) Import(ctx context.Context, by *auth.Principal, id int64) (int, error) {
	n := 0
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := writable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		answers, err := loadAnswers(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		others, err := answersOfCountry(ctx, tx, a.Country, a.ID)
		if err != nil {
			return err
		}
		now := db.Now()
		copied := Importable(s.Set.Get(a.Questionnaire), answers, others)
		for _, qid := range sortedKeys(copied) {
			if err := saveAnswer(ctx, tx, a.ID, qid, copied[qid], by.DisplayName(), now); err != nil {
				return err
			}
		}
		if n = len(copied); n == 0 {
			return nil
		}
		if err := touchAssessment(ctx, tx, a.ID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.answers_import",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: fmt.Sprintf("answers: %d", n)})
	})
	return n, err
}
