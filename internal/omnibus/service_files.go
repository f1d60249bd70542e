package omnibus

import (
	"context"
	"database/sql"
	"slices"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// FileLimits bound a file attached to an answer.
var FileLimits = intake.Limits{Bytes: 20 << 20}

// maxFilesPerQuestion bounds the files of one answer.
const maxFilesPerQuestion = 10

// Attach stores a file as (part of) the answer to file question qid.
func (s *Service) Attach(ctx context.Context, by *auth.Principal, id int64, qid, name string, data []byte) (*File, error) {
	var f *File
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := writable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		qu := s.Set.Get(a.Questionnaire).Question(qid)
		if qu == nil || qu.Type != TypeFile {
			return errs.Invalid().Field("question", "err.omnibus_not_file_question")
		}
		ct, sha, err := intake.Document("file", data, FileLimits)
		if err != nil {
			return err
		}
		answers, err := loadAnswers(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		v := answers[qid]
		if len(v.Files) >= maxFilesPerQuestion {
			return errs.Invalid().Field("file", "err.omnibus_too_many_files", "Max", maxFilesPerQuestion)
		}
		now := db.Now()
		f = &File{AssessmentID: a.ID, Question: qid, Name: name, ContentType: ct, Size: int64(len(data)),
			SHA256: sha, Data: data, UploadedBy: by.DisplayName(), UploadedAt: now}
		if err := insertFile(ctx, tx, f); err != nil {
			return err
		}
		v.Files = append(v.Files, f.ID)
		if err := saveAnswer(ctx, tx, a.ID, qid, v, by.DisplayName(), now); err != nil {
			return err
		}
		if err := touchAssessment(ctx, tx, a.ID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.file_attach",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: qid + " " + f.SHA256})
	})
	return f, err
}

// File returns one attached file with its bytes, to whoever may read the
// assessment.
func (s *Service) File(ctx context.Context, by *auth.Principal, id, fileID int64) (*File, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*File, error) {
		if _, err := readable(ctx, tx, by, id); err != nil {
			return nil, err
		}
		return getFile(ctx, tx, id, fileID)
	})
}

// Detach removes a file from its answer.
func (s *Service) Detach(ctx context.Context, by *auth.Principal, id, fileID int64) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := writable(ctx, tx, by, id)
		if err != nil {
			return err
		}
		f, err := getFile(ctx, tx, id, fileID)
		if err != nil {
			return err
		}
		if err := deleteFile(ctx, tx, id, fileID); err != nil {
			return err
		}
		answers, err := loadAnswers(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		v := answers[f.Question]
		v.Files = slices.DeleteFunc(v.Files, func(x int64) bool { return x == fileID })
		if err := saveAnswer(ctx, tx, a.ID, f.Question, v, by.DisplayName(), db.Now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "assessment.file_detach",
			EntityType: "omnibus_assessment", EntityID: idString(a.ID), Detail: f.Question + " " + f.SHA256})
	})
}
