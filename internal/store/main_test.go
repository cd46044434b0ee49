package store_test

import (
	"testing"

	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestMain drops the template databases of this test binary at its end.
func TestMain(m *testing.M) { storetest.Main(m) }
