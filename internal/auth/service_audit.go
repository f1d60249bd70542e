package auth

import (
	"context"

	"github.com/tipsom/tipsom/internal/audit"
)

// AuditLog returns the audit log's entries matching f, newest first;
// admins only.
func (s *Service) AuditLog(ctx context.Context, by *Principal, f audit.Filter) ([]audit.Entry, error) {
	if err := Require(by, RoleAdmin); err != nil {
		return nil, err
	}
	return audit.List(ctx, s.DB, f)
}

// AuditActions lists the actions the audit log holds, for its filter;
// admins only.
func (s *Service) AuditActions(ctx context.Context, by *Principal) ([]string, error) {
	if err := Require(by, RoleAdmin); err != nil {
		return nil, err
	}
	return audit.Actions(ctx, s.DB)
}
