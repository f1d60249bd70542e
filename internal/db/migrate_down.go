package db

import (
	"context"
	"fmt"
)

// Unmigrate rolls every applied migration back, newest first, leaving the
// database as empty as before the first Migrate: how `tipsom demo --reset`
// brings a PostgreSQL demo database back to its first state.
func (d *DB) Unmigrate(ctx context.Context) error {
	p, err := d.provider()
	if err != nil {
		return err
	}
	if _, err := p.DownTo(ctx, 0); err != nil {
		return fmt.Errorf("unmigrate: %w", err)
	}
	return nil
}
