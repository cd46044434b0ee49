package budaya

// SignalFilter selects stored signals.
type SignalFilter struct {
	Kind     string
	Reviewed string // "" all, "no" open only, "yes" reviewed only
	Page     int
	PerPage  int
}
