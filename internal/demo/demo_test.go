package demo_test

import (
	"context"
	"testing"

	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestSeedIsIdempotentAndPopulatesFramework(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: 50}); err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(ctx, db, demo.Options{Employees: 50}); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != 2 || len(f.InstansiValues()) != 4 {
		t.Errorf("demo framework: got version %d with %d instansi values, want 2 with 4", f.Version, len(f.InstansiValues()))
	}
	if _, err := db.Authenticate(ctx, "admin", demo.Password, ""); err != nil {
		t.Errorf("demo admin sign-in: %v", err)
	}
}
