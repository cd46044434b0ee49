package store

import (
	"context"

	"github.com/budaya-id/budaya/internal/budaya"
)

// ReaderOf resolves u into the reader the access rules take: the units its
// grants name, with their paths as the tree stands. Unit leadership comes
// from the pimpinan grants alone (units.leader_employee_id is not read).
func (db *DB) ReaderOf(ctx context.Context, u *budaya.User) (budaya.Reader, error) {
	ids := budaya.GrantUnitIDs(u)
	paths := make(map[int64]string, len(ids))
	if len(ids) > 0 {
		units, err := db.FindUnits(ctx, ids)
		if err != nil {
			return budaya.Reader{}, err
		}
		for id, unit := range units {
			paths[id] = unit.Path
		}
	}
	return budaya.NewReader(u, paths), nil
}

// readerOfUser is ReaderOf for the account with id (0: the anonymous reader),
// for store methods that decide on behalf of an actor.
func (db *DB) readerOfUser(ctx context.Context, userID int64) (budaya.Reader, error) {
	if userID == 0 {
		return budaya.NewReader(nil, nil), nil
	}
	u, err := db.FindUser(ctx, userID)
	if err != nil {
		return budaya.Reader{}, err
	}
	return db.ReaderOf(ctx, u)
}
