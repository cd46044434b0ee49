package demo

import (
	"context"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// seedActivation activates the staff of the smallest unit as an admin does
// for a field office (docs/activation.md): one batch of one-time links with
// kiosk codes, audited as one entry. The links and codes are never stored, so
// the demo prints the first slip for trying the kiosk (/kiosk); an admin can
// make a fresh batch on /admin/activation.
func seedActivation(ctx context.Context, b *builder) error {
	if b.org == nil || len(b.org.Units) == 0 {
		return nil
	}
	count := map[int64]int{}
	for _, e := range b.org.Employees {
		count[e.unit.ID]++
	}
	var unit *demoUnit
	for _, u := range b.org.Units {
		if count[u.ID] >= 2 && (unit == nil || count[u.ID] < count[unit.ID]) {
			unit = u
		}
	}
	if unit == nil {
		return nil
	}
	batch, err := b.db.CreateActivationBatch(ctx, b.actor, store.ActivationTarget{UnitID: unit.ID})
	if budaya.ErrorCode(err) == budaya.EINVALID {
		return nil // everyone there has a password already
	}
	if err != nil {
		return fmt.Errorf("activation of %s: %w", unit.Code, err)
	}
	if len(batch.Slips) > 0 {
		s := batch.Slips[0]
		progress(b.opt, fmt.Sprintf("demo kiosk slip (%s %s): NIP %s, code %s at /kiosk, or set a password at %s/password/%s",
			unit.Code, unit.Name, s.Identifier, s.Code, b.baseURL(), s.Token))
	}
	return nil
}
