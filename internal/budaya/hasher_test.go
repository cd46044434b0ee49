package budaya

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestPasswordHasherNeverExceedsItsSlots: twelve sign-ins arrive at once at
// a hasher of two slots. Both slots fill, and however the callers are let
// out one by one, never more than two are inside at the same moment; every
// caller gets its turn.
func TestPasswordHasherNeverExceedsItsSlots(t *testing.T) {
	t.Parallel()
	const slots, callers = 2, 12
	h := NewPasswordHasher(slots, time.Hour)
	if h.Slots() != slots {
		t.Fatalf("slots: got %d, want %d", h.Slots(), slots)
	}
	var inside, peak, served atomic.Int64
	entered := make(chan struct{}, callers)
	leave := make(chan struct{})
	var wg sync.WaitGroup
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := h.Reserve(context.Background())
			if err != nil {
				t.Errorf("reserve: %v", err)
				return
			}
			n := inside.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			entered <- struct{}{}
			<-leave
			inside.Add(-1)
			served.Add(1)
			release()
		}()
	}
	for range slots {
		<-entered
	}
	if got := inside.Load(); got != slots {
		t.Errorf("with every slot taken: got %d inside, want %d", got, slots)
	}
	for i := range callers {
		leave <- struct{}{}
		if i+slots < callers {
			<-entered // the next caller takes the slot just given back
		}
	}
	wg.Wait()
	if got := peak.Load(); got > slots {
		t.Errorf("peak: got %d computations at once, want at most %d", got, slots)
	}
	if got := served.Load(); got != callers {
		t.Errorf("served: got %d, want all %d", got, callers)
	}
}

// TestPasswordHasherBusy: a sign-in that cannot get a slot in time is told,
// in both languages, that the server is busy and to try again (code busy,
// which the web layer answers with 503 and Retry-After); once a slot is free
// the same check succeeds, with the full argon2id strength.
func TestPasswordHasherBusy(t *testing.T) {
	t.Parallel()
	const pw = "Uji-Coba-Kuat-2024!"
	h := NewPasswordHasher(1, time.Millisecond)
	hash, err := h.Hash(context.Background(), pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hash, "$m=19456,t=2,p=1$") {
		t.Errorf("hash parameters: got %q, want m=19456,t=2,p=1", hash)
	}
	release, err := h.Reserve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ok, err := h.Check(context.Background(), hash, pw)
	e := AsError(err)
	if ok || e == nil || e.Code != EBUSY || !strings.Contains(e.Message, "coba lagi") || !strings.Contains(e.MessageEN, "try again") {
		t.Errorf("check with the only slot taken: got %v, %v; want a bilingual busy error", ok, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewPasswordHasher(1, time.Hour).Hash(ctx, pw); err != nil {
		t.Errorf("a free slot is taken even with an ended context: got %v", err)
	}
	release()
	if ok, err := h.Check(context.Background(), hash, pw); !ok || err != nil {
		t.Errorf("check with the slot free: got %v, %v; want true", ok, err)
	}
}
