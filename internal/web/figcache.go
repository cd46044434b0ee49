package web

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// figureCache keeps what the gate reads from the store for the figures of a
// closed period (its groups and their sums), so that a dashboard does not
// re-read what a closed period cannot change (issue 18.1).
//
// It sits inside the gate (figures, gate.go): the gate decides first whether
// anything of the period may be shown, and only then are the stored groups
// and sums taken from here; suppression and n are applied to them on every
// request as before. An entry is keyed by the period's figures_version
// (migration 0018), which every close, reopen and recomputation changes in
// the database, and by the time of the last computation. Both are read from
// the database with every request, so that several servers behind a load
// balancer each see a reopen or a recomputation made through another one at
// their next request: nothing depends on invalidating this process's memory.
// Entries are read-only once stored.
type figureCache struct {
	mu      sync.Mutex
	entries map[figureKey]*figureEntry
	// reads counts the entries read from the store (misses), for tests.
	reads int
}

// figureKey names what was read: the period at one version of its figures,
// the instrument and the groups asked for.
type figureKey struct {
	period     int64
	version    int64
	computed   int64 // Unix nanoseconds of the computation
	instrument string
	groups     string // the sorted group keys
}

type figureEntry struct {
	groups map[index.GroupKey]store.IndexGroup
	sums   map[index.GroupKey]*index.Group
}

// figureCacheSize bounds the cache: the dashboards, heatmap pages and trends
// of a few periods. When full it starts again empty (a refill costs what a
// request without the cache costs).
const figureCacheSize = 512

func newFigureKey(c *indexCut, keys []index.GroupKey) figureKey {
	ks := make([]string, len(keys))
	for i, k := range keys {
		ks[i] = strconv.FormatInt(k.Unit, 10) + "/" + string(k.Scope)
	}
	slices.Sort(ks)
	return figureKey{period: c.Period.ID, version: c.Period.FiguresVersion, computed: c.Refresh.ComputedAt.UnixNano(),
		instrument: c.Instrument, groups: strings.Join(ks, ",")}
}

// get returns the entry of key, or nil.
func (fc *figureCache) get(key figureKey) *figureEntry {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return fc.entries[key]
}

// put stores e under key; e must not change afterwards.
func (fc *figureCache) put(key figureKey, e *figureEntry) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.entries == nil || len(fc.entries) >= figureCacheSize {
		fc.entries = map[figureKey]*figureEntry{}
	}
	fc.entries[key] = e
	fc.reads++
}
