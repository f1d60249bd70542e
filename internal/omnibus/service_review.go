package omnibus

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/treaty"
)

// unGroups is the id of geo's grouping of the UN regional groups.
const unGroups = "un-regional-groups"

// DrawRequest is what an analyst asks a draw for.
type DrawRequest struct {
	Instrument  string
	Cycle       string
	Seed        int64
	UnderReview []string  // empty: every party with a regional group
	AsOf        time.Time // parties as at this day; zero: today
	StartsOn    time.Time // the cycle's first day, for a committed draw; zero: AsOf
}

// DrawResult is a draw as the command line prints it.
type DrawResult struct {
	Instrument string   `json:"instrument"`
	Cycle      string   `json:"cycle"`
	Seed       int64    `json:"seed"`
	AsOf       string   `json:"as_of"`
	Parties    int      `json:"parties"`
	Skipped    []string `json:"skipped"`
	Pairs      []Pair   `json:"pairs"`
	CycleID    int64    `json:"cycle_id,omitempty"` // once recorded
}

// drawInput gathers the parties as at the request's day and their groups.
func (s *Service) drawInput(ctx context.Context, req *DrawRequest) (DrawInput, error) {
	if _, ok := treaty.InstrumentByID(req.Instrument); !ok {
		return DrawInput{}, errs.Invalid().Field("instrument", "err.omnibus_unknown_instrument")
	}
	if strings.TrimSpace(req.Cycle) == "" || len(req.Cycle) > 100 {
		return DrawInput{}, errs.Invalid().Field("cycle", "err.required")
	}
	if req.AsOf.IsZero() {
		req.AsOf = s.Today()
	}
	parties, err := s.Treaties.Parties(ctx, req.Instrument, req.AsOf)
	if err != nil {
		return DrawInput{}, err
	}
	g, err := s.Places.Grouping(ctx, unGroups)
	if err != nil {
		return DrawInput{}, err
	}
	in := DrawInput{Groups: map[string]string{}, Seed: req.Seed}
	for _, p := range parties {
		if p.ISO3 != "" {
			in.Parties = append(in.Parties, p.ISO3)
		}
	}
	for _, m := range g.Members {
		in.Groups[m.ISO3] = m.Group
	}
	for _, c := range req.UnderReview {
		in.UnderReview = append(in.UnderReview, strings.ToUpper(strings.TrimSpace(c)))
	}
	return in, nil
}

// Draw draws the reviewing States for a cycle without recording it: the
// secretariat previews a draw before committing it.
func (s *Service) Draw(ctx context.Context, by *auth.Principal, req DrawRequest) (*DrawResult, error) {
	if err := auth.Require(by, auth.Analysts...); err != nil {
		return nil, err
	}
	in, err := s.drawInput(ctx, &req)
	if err != nil {
		return nil, err
	}
	pairs, err := Draw(in)
	if err != nil {
		return nil, err
	}
	skipped := []string{}
	if len(in.UnderReview) == 0 {
		skipped = append(skipped, Skipped(in)...)
	}
	return &DrawResult{Instrument: req.Instrument, Cycle: req.Cycle, Seed: req.Seed, AsOf: db.FormatDate(req.AsOf),
		Parties: len(in.Parties), Skipped: skipped, Pairs: pairs}, nil
}

// CommitDraw draws and records the cycle with its reviews; the audit entry
// keeps the seed and the day of the parties, from which anyone can draw it
// again.
func (s *Service) CommitDraw(ctx context.Context, by *auth.Principal, req DrawRequest) (*Cycle, error) {
	return s.commitDraw(ctx, by, req, false)
}

func (s *Service) commitDraw(ctx context.Context, by *auth.Principal, req DrawRequest, demo bool) (*Cycle, error) {
	res, err := s.Draw(ctx, by, req)
	if err != nil {
		return nil, err
	}
	asOf, _ := time.Parse(time.DateOnly, res.AsOf)
	starts := req.StartsOn
	if starts.IsZero() {
		starts = asOf
	}
	c := &Cycle{Instrument: req.Instrument, Name: strings.TrimSpace(req.Cycle), StartsOn: starts, Seed: req.Seed,
		DrawnAsOf: asOf, CreatedAt: db.Now(), Demo: demo}
	for _, p := range res.Pairs {
		c.Reviews = append(c.Reviews, &Review{Country: p.UnderReview, ReviewerSame: p.Reviewers[0], ReviewerOther: p.Reviewers[1]})
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertCycle(ctx, tx, s.DB.Dialect, c, by.DisplayName()); err != nil {
			return err
		}
		under := "all parties"
		if len(req.UnderReview) > 0 {
			under = strings.Join(req.UnderReview, ",")
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "review_cycle.draw", EntityType: "omnibus_cycle",
			EntityID: idString(c.ID), Detail: fmt.Sprintf("instrument=%s cycle=%q seed=%d as_of=%s under_review=%s reviews=%d",
				c.Instrument, c.Name, c.Seed, res.AsOf, under, len(c.Reviews))})
	})
	return c, err
}

// Cycles lists every review cycle with its reviews: public, as the draw is.
func (s *Service) Cycles(ctx context.Context) ([]*Cycle, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Cycle, error) {
		cs, err := listCycles(ctx, tx)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if err := withReviews(ctx, tx, c); err != nil {
				return nil, err
			}
		}
		return cs, nil
	})
}

// Cycle returns one cycle with its reviews: public.
func (s *Service) Cycle(ctx context.Context, id int64) (*Cycle, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Cycle, error) {
		c, err := getCycle(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		return c, withReviews(ctx, tx, c)
	})
}

func withReviews(ctx context.Context, tx *sql.Tx, c *Cycle) (err error) {
	if c.Reviews, err = reviewsOfCycle(ctx, tx, c.ID); err != nil {
		return err
	}
	for _, r := range c.Reviews {
		r.Cycle = c
	}
	return nil
}

// Dossier is one review as its people see it: the cycle, the
// self-assessment under review (nil before the State starts one, and for
// the members before it is submitted), the
// comments, the list of observations, the members and what the reader may
// do.
type Dossier struct {
	Review        *Review
	Sheet         *Sheet
	Comments      map[string][]*Comment // by question
	Observations  []*Observation
	Members       []*Member
	Role          MemberRole // the reader's role in the review, "" when none
	IsState       bool       // the reader is the focal point of the State under review
	IsSecretariat bool
}

// CanComment reports whether the reader comments and drafts observations.
func (d *Dossier) CanComment() bool { return d.Role == MemberExpert && d.Review.Status == ReviewOpen }

// CanAnswer reports whether the reader answers the observations for the State.
func (d *Dossier) CanAnswer() bool { return d.IsState && d.Review.Status == ReviewWithState }

// CanPublish reports whether the reader publishes the summary.
func (d *Dossier) CanPublish() bool { return d.IsSecretariat && d.Review.Status == ReviewAnswered }

// dossier loads review id for by: the secretariat, the focal point of the
// State under review and the review's members; anyone else is refused.
func (s *Service) dossier(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Dossier, error) {
	if err := auth.Require(by, readersOfAssessments...); err != nil {
		return nil, err
	}
	r, err := getReview(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if r.Cycle, err = getCycle(ctx, tx, r.CycleID); err != nil {
		return nil, err
	}
	d := &Dossier{Review: r, IsSecretariat: isSecretariat(by),
		IsState: by.Has(auth.RoleFocalPoint) && by.Country == r.Country}
	if by.Has(auth.RoleReviewer) {
		if d.Role, err = memberRole(ctx, tx, id, by.UserID); err != nil {
			return nil, err
		}
	}
	if !d.IsSecretariat && !d.IsState && d.Role == "" {
		return nil, errs.Forbidden()
	}
	a, err := findAssessment(ctx, tx, r.Country, r.Cycle.Instrument)
	switch {
	case errs.Is(err, errs.KindNotFound):
	case err != nil:
		return nil, err
	case a.Status != AssessmentSubmitted && !d.IsSecretariat && !d.IsState:
		// The review's members read the self-assessment once submitted.
	default:
		if d.Sheet, err = s.sheet(ctx, tx, by, a); err != nil {
			return nil, err
		}
	}
	comments, err := listComments(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	d.Comments = map[string][]*Comment{}
	for _, c := range comments {
		d.Comments[c.Question] = append(d.Comments[c.Question], c)
	}
	if d.Observations, err = listObservations(ctx, tx, id); err != nil {
		return nil, err
	}
	d.Members, err = listMembers(ctx, tx, id)
	return d, err
}

// Review opens review id for by.
func (s *Service) Review(ctx context.Context, by *auth.Principal, id int64) (*Dossier, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Dossier, error) { return s.dossier(ctx, tx, by, id) })
}

// Reviews lists the reviews by takes part in: every one for the
// secretariat, its State's for a focal point, its assignments for a reviewer.
func (s *Service) Reviews(ctx context.Context, by *auth.Principal) ([]*Review, error) {
	if err := auth.Require(by, readersOfAssessments...); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Review, error) {
		var out []*Review
		var err error
		switch {
		case isSecretariat(by):
			cs, err := listCycles(ctx, tx)
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				rs, err := reviewsOfCycle(ctx, tx, c.ID)
				if err != nil {
					return nil, err
				}
				out = append(out, rs...)
			}
		case by.Has(auth.RoleFocalPoint):
			out, err = reviewsOfCountry(ctx, tx, by.Country)
		case by.Has(auth.RoleReviewer):
			out, err = reviewsOfMember(ctx, tx, by.UserID)
		}
		return out, err
	})
}

// act runs change on review id for by inside one transaction, after
// allowed has said yes on the loaded dossier, and writes the audit entry.
func (s *Service) act(ctx context.Context, by *auth.Principal, id int64, action string,
	allowed func(d *Dossier) error, change func(tx *sql.Tx, d *Dossier) (string, error)) (*Dossier, error) {
	var d *Dossier
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if d, err = s.dossier(ctx, tx, by, id); err != nil {
			return err
		}
		if err := allowed(d); err != nil {
			return err
		}
		detail, err := change(tx, d)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "omnibus_review",
			EntityID: idString(id), Detail: detail})
	})
	return d, err
}

func expertOnOpen(d *Dossier) error {
	if d.Role != MemberExpert {
		return errs.Forbidden()
	}
	if d.Review.Status != ReviewOpen {
		return errs.Conflict("err.omnibus_review_closed")
	}
	return nil
}

// maxCommentRunes bounds a comment, an observation, an answer and a summary.
const maxCommentRunes = 10_000

func checkBody(field, body string) (string, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return "", errs.Invalid().Field(field, "err.required")
	}
	if len([]rune(body)) > maxCommentRunes {
		return "", errs.Invalid().Field(field, "err.omnibus_too_long", "Max", maxCommentRunes)
	}
	return body, nil
}

// Comment adds an expert's comment on one question of the assessment
// under review.
func (s *Service) Comment(ctx context.Context, by *auth.Principal, id int64, question, body string) (*Comment, error) {
	var c *Comment
	_, err := s.act(ctx, by, id, "review.comment_add", expertOnOpen, func(tx *sql.Tx, d *Dossier) (string, error) {
		if d.Sheet == nil || d.Sheet.Questionnaire.Question(question) == nil {
			return "", errs.Invalid().Field("question", "err.omnibus_unknown_question")
		}
		text, err := checkBody("body", body)
		if err != nil {
			return "", err
		}
		c = &Comment{ReviewID: id, Question: question, UserID: by.UserID, Author: by.DisplayName(), Body: text, CreatedAt: db.Now()}
		return question, insertComment(ctx, tx, c)
	})
	return c, err
}

// AddObservation adds an entry to the review's list of observations.
func (s *Service) AddObservation(ctx context.Context, by *auth.Principal, id int64, kind ObservationKind, article, body string) (*Observation, error) {
	var o *Observation
	_, err := s.act(ctx, by, id, "review.observation_add", expertOnOpen, func(tx *sql.Tx, d *Dossier) (string, error) {
		bad := errs.Invalid()
		if !slices.Contains(ObservationKinds, kind) {
			bad.Field("kind", "err.omnibus_bad_choice")
		}
		q := s.Set.ForInstrument(d.Review.Cycle.Instrument)
		if q == nil || q.Article(article) == nil {
			bad.Field("article", "err.omnibus_unknown_article")
		}
		text, err := checkBody("body", body)
		if e := errs.As(err); e != nil {
			bad.Fields = append(bad.Fields, e.Fields...)
		}
		if err := bad.OrNil(); err != nil {
			return "", err
		}
		o = &Observation{ReviewID: id, Kind: kind, Article: article, Body: text, Author: by.DisplayName(), CreatedAt: db.Now()}
		return string(kind) + " article " + article, insertObservation(ctx, tx, o)
	})
	return o, err
}

// DeleteObservation removes an entry while the list is a draft.
func (s *Service) DeleteObservation(ctx context.Context, by *auth.Principal, id, obs int64) error {
	_, err := s.act(ctx, by, id, "review.observation_delete", expertOnOpen, func(tx *sql.Tx, d *Dossier) (string, error) {
		if !slices.ContainsFunc(d.Observations, func(o *Observation) bool { return o.ID == obs }) {
			return "", errs.NotFound()
		}
		return idString(obs), deleteObservation(ctx, tx, id, obs)
	})
	return err
}

// SendObservations hands the drafted list to the State under review.
func (s *Service) SendObservations(ctx context.Context, by *auth.Principal, id int64) (*Dossier, error) {
	d, err := s.act(ctx, by, id, "review.observations_send", expertOnOpen, func(tx *sql.Tx, d *Dossier) (string, error) {
		if len(d.Observations) == 0 {
			return "", errs.Invalid().Field("observations", "err.omnibus_no_observations")
		}
		d.Review.Status, d.Review.UpdatedAt = ReviewWithState, db.Now()
		return fmt.Sprintf("observations: %d", len(d.Observations)), updateReview(ctx, tx, d.Review, by.DisplayName())
	})
	if err == nil {
		s.tellState(ctx, d.Review)
	}
	return d, err
}

// AnswerObservations records the State's answer: it agrees, or comments.
func (s *Service) AnswerObservations(ctx context.Context, by *auth.Principal, id int64, answer, comment string) (*Dossier, error) {
	state := func(d *Dossier) error {
		if !d.IsState || auth.RequireCountry(by, d.Review.Country, auth.RoleFocalPoint) != nil {
			return errs.Forbidden()
		}
		if d.Review.Status != ReviewWithState {
			return errs.Conflict("err.omnibus_not_with_state")
		}
		return nil
	}
	return s.act(ctx, by, id, "review.observations_answer", state, func(tx *sql.Tx, d *Dossier) (string, error) {
		comment = strings.TrimSpace(comment)
		switch answer {
		case AnswerAgree:
		case AnswerComment:
			var err error
			if comment, err = checkBody("comment", comment); err != nil {
				return "", err
			}
		default:
			return "", errs.Invalid().Field("answer", "err.omnibus_bad_choice")
		}
		if len([]rune(comment)) > maxCommentRunes {
			return "", errs.Invalid().Field("comment", "err.omnibus_too_long", "Max", maxCommentRunes)
		}
		now := db.Now()
		d.Review.Status, d.Review.StateAnswer, d.Review.StateComment, d.Review.AnsweredAt, d.Review.UpdatedAt =
			ReviewAnswered, answer, comment, &now, now
		return answer, updateReview(ctx, tx, d.Review, by.DisplayName())
	})
}

// PublishSummary publishes the secretariat's summary of an answered review;
// the summary and the list of observations become public.
func (s *Service) PublishSummary(ctx context.Context, by *auth.Principal, id int64, summary string) (*Dossier, error) {
	secretariat := func(d *Dossier) error {
		if !d.IsSecretariat {
			return errs.Forbidden()
		}
		if d.Review.Status != ReviewAnswered {
			return errs.Conflict("err.omnibus_not_answered")
		}
		return nil
	}
	d, err := s.act(ctx, by, id, "review.summary_publish", secretariat, func(tx *sql.Tx, d *Dossier) (string, error) {
		text, err := checkBody("summary", summary)
		if err != nil {
			return "", err
		}
		now := db.Now()
		d.Review.Status, d.Review.Summary, d.Review.PublishedAt, d.Review.UpdatedAt = ReviewPublished, text, &now, now
		if err := updateReview(ctx, tx, d.Review, by.DisplayName()); err != nil {
			return "", err
		}
		return "", s.indexSummary(ctx, tx, d)
	})
	if err == nil {
		s.tellPublished(ctx, d)
	}
	return d, err
}

// Published is a review's public record: its summary and observations.
type Published struct {
	Review       *Review
	Observations []*Observation
}

// PublishedReview returns review id's public record, or not found while it
// is not published: the one disclosure rule for pages, API and search.
func (s *Service) PublishedReview(ctx context.Context, id int64) (*Published, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Published, error) {
		r, err := getReview(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if r.Status != ReviewPublished {
			return nil, errs.NotFound()
		}
		if r.Cycle, err = getCycle(ctx, tx, r.CycleID); err != nil {
			return nil, err
		}
		obs, err := listObservations(ctx, tx, id)
		return &Published{Review: r, Observations: obs}, err
	})
}

// ReviewsOf lists the reviews of iso3 as a State under review, with their
// cycles, for its country profile: public, as the draw is (a summary shows
// only once published).
func (s *Service) ReviewsOf(ctx context.Context, iso3 string) ([]*Review, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Review, error) {
		all, err := reviewsOfCountry(ctx, tx, iso3)
		if err != nil {
			return nil, err
		}
		var out []*Review
		for _, r := range all {
			if r.Cycle, err = getCycle(ctx, tx, r.CycleID); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, nil
	})
}

// Assign puts a reviewer on review id as an expert or an observer:
// the secretariat only; the account must hold the reviewer role.
func (s *Service) Assign(ctx context.Context, by *auth.Principal, id int64, email string, role MemberRole) (*Member, error) {
	if err := auth.Require(by, auth.Analysts...); err != nil {
		return nil, err
	}
	if role != MemberExpert && role != MemberObserver {
		return nil, errs.Invalid().Field("role", "err.omnibus_bad_choice")
	}
	u, err := s.Accounts.UserByEmail(ctx, auth.System("omnibus"), strings.TrimSpace(email))
	if errs.Is(err, errs.KindNotFound) || (err == nil && (u.Disabled || !u.HasRole(string(auth.RoleReviewer)))) {
		return nil, errs.Invalid().Field("email", "err.omnibus_not_reviewer")
	}
	if err != nil {
		return nil, err
	}
	m := &Member{ReviewID: id, UserID: u.ID, Name: u.Name, Email: u.Email, Role: role}
	d, err := s.act(ctx, by, id, "review.member_assign", func(d *Dossier) error { return nil }, func(tx *sql.Tx, d *Dossier) (string, error) {
		if slices.Contains([]string{d.Review.ReviewerSame, d.Review.ReviewerOther}, d.Review.Country) {
			return "", errs.Internal(fmt.Errorf("review %d reviews itself", id))
		}
		return fmt.Sprintf("user %d as %s", u.ID, role), upsertMember(ctx, tx, m, by.DisplayName(), db.Now())
	})
	if err == nil {
		s.tellAssigned(ctx, m, d.Review)
	}
	return m, err
}

// Unassign takes a person off a review.
func (s *Service) Unassign(ctx context.Context, by *auth.Principal, id, userID int64) error {
	if err := auth.Require(by, auth.Analysts...); err != nil {
		return err
	}
	_, err := s.act(ctx, by, id, "review.member_remove", func(d *Dossier) error { return nil }, func(tx *sql.Tx, d *Dossier) (string, error) {
		return fmt.Sprintf("user %d", userID), deleteMember(ctx, tx, id, userID)
	})
	return err
}
