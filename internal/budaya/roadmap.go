package budaya

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// MaxAmount is the largest amount of rupiah budaya accepts on one budget line
// (one quadrillion rupiah): anything above it is a typing error, not a budget.
const MaxAmount int64 = 1_000_000_000_000_000

// ParseRupiah reads an amount in whole rupiah as Indonesians write it:
// "Rp 1.250.000", "1.250.000", "1250000", "Rp1.250.000,-" or "1 250 000". The
// dot is the thousands separator. Decimals ("1.250.000,50"), negative amounts
// and amounts above MaxAmount are refused with a message saying what to fix.
// An empty string is 0.
func ParseRupiah(field, s string) (int64, error) {
	raw := s
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ",-")
	s = strings.TrimSuffix(s, ",00")
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "rp") {
		s = strings.TrimSpace(s[2:])
		s = strings.TrimPrefix(s, ".")
		s = strings.TrimSpace(s)
	}
	if s == "" {
		return 0, nil
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "(") {
		return 0, Invalid(field, MsgAmountNegativeEnterMore, raw)
	}
	if strings.Contains(s, ",") {
		return 0, Invalid(field, MsgAmountDecimalsEnterWhole, raw)
	}
	var b strings.Builder
	groups := strings.Split(s, ".")
	for i, g := range groups {
		// A dot must separate groups of three digits: "1.250.000", not "1.25".
		if len(groups) > 1 && (i > 0 && len(g) != 3 || g == "") {
			return 0, Invalid(field, MsgAmountCannotBeRead, raw)
		}
		for _, r := range g {
			switch {
			case r >= '0' && r <= '9':
				b.WriteRune(r)
			case r == ' ' || r == '\u00a0':
			default:
				return 0, Invalid(field, MsgAmountMayHoldOnlyDigits, raw)
			}
		}
	}
	digits := b.String()
	if digits == "" {
		return 0, Invalid(field, MsgAmountHoldsNoDigits, raw)
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > MaxAmount {
		return 0, Invalid(field, MsgAmountTooLargeMostRp, raw)
	}
	return n, nil
}

// FormatRupiah writes n as "Rp 1.250.000".
func FormatRupiah(n int64) string { return "Rp " + FormatThousands(n) }

// FormatThousands writes n with dots between thousands: 1.250.000.
func FormatThousands(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Quarter is one quarter (triwulan) of a year.
type Quarter struct {
	Year int
	Q    int // 1..4
}

// String writes the quarter as 2025Q1.
func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// Index orders quarters: Year*4 + Q-1.
func (q Quarter) Index() int { return q.Year*4 + q.Q - 1 }

func quarterOf(index int) Quarter { return Quarter{Year: index / 4, Q: index%4 + 1} }

// quarterRange matches "2025Q1-2026Q2", "2025-2026", "2025 TW1 - 2025 TW3".
var quarterRange = regexp.MustCompile(`^(\d{4}(?:\s*(?:Q|TW|T)\s*\d)?)\s*-\s*(\d{4}(?:\s*(?:Q|TW|T)\s*\d)?)$`)

// ParseQuarters reads the quarters an activity runs in: a comma-separated list
// of quarters ("2025Q1", also "2025-Q1", "TW1 2025"), ranges ("2025Q3-2026Q2")
// and whole years ("2026" = four quarters). The result is sorted and without
// duplicates.
func ParseQuarters(s string) ([]Quarter, error) {
	seen := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		from, to := part, part
		if a, b, ok := strings.Cut(part, ".."); ok {
			from, to = a, b
		} else if m := quarterRange.FindStringSubmatch(strings.ToUpper(part)); m != nil {
			// A dash between two quarters or years is a range; "2025-Q1" is one quarter.
			from, to = m[1], m[2]
		}
		a, _, err := parseQuarter(from)
		if err != nil {
			return nil, err
		}
		b, bWhole, err := parseQuarter(to)
		if err != nil {
			return nil, err
		}
		end := b.Index()
		if bWhole {
			end = Quarter{Year: b.Year, Q: 4}.Index()
		}
		if end < a.Index() {
			return nil, Invalid("quarters", MsgQuarterRangeWrongWay, part)
		}
		for i := a.Index(); i <= end; i++ {
			seen[i] = true
		}
	}
	if len(seen) == 0 {
		return nil, Invalid("quarters", MsgEnterLeastOneQuarter)
	}
	out := make([]Quarter, 0, len(seen))
	for i := range seen {
		out = append(out, quarterOf(i))
	}
	slices.SortFunc(out, func(a, b Quarter) int { return a.Index() - b.Index() })
	return out, nil
}

// quarterForms are the ways a quarter is written: 2025Q1, 2025-Q1, 2025 TW1, TW1 2025, Q1-2025.
var (
	quarterYearFirst = regexp.MustCompile(`^(\d{4})[\s\-/]*(?:Q|TW|T)\s*(\d)$`)
	quarterYearLast  = regexp.MustCompile(`^(?:Q|TW|T)\s*(\d)[\s\-/]*(\d{4})$`)
	quarterYearOnly  = regexp.MustCompile(`^\d{4}$`)
)

// parseQuarter reads one quarter, or a year (whole = true, meaning from its first quarter).
func parseQuarter(s string) (Quarter, bool, error) {
	orig := s
	s = strings.ToUpper(strings.TrimSpace(s))
	var year, q string
	if m := quarterYearFirst.FindStringSubmatch(s); m != nil {
		year, q = m[1], m[2]
	} else if m := quarterYearLast.FindStringSubmatch(s); m != nil {
		year, q = m[2], m[1]
	} else if quarterYearOnly.MatchString(s) {
		year = s
	} else {
		return Quarter{}, false, Invalid("quarters", MsgQuarterCannotBeRead, orig)
	}
	y, _ := strconv.Atoi(year)
	if y < 2000 || y > 2100 {
		return Quarter{}, false, Invalid("quarters", MsgYearQuarterMustBeBetween, orig)
	}
	if q == "" {
		return Quarter{Year: y, Q: 1}, true, nil
	}
	n, _ := strconv.Atoi(q)
	if n < 1 || n > 4 {
		return Quarter{}, false, Invalid("quarters", MsgQuarterQuarterNumberMustBe, orig)
	}
	return Quarter{Year: y, Q: n}, false, nil
}

// FormatQuarters writes quarters compactly, joining runs: "2025Q1-2025Q4, 2026Q3".
func FormatQuarters(qs []Quarter) string {
	var parts []string
	for i := 0; i < len(qs); {
		j := i
		for j+1 < len(qs) && qs[j+1].Index() == qs[j].Index()+1 {
			j++
		}
		if j == i {
			parts = append(parts, qs[i].String())
		} else {
			parts = append(parts, qs[i].String()+"-"+qs[j].String())
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// Roadmap is a multi-year roadmap budaya kerja: phases, then programmes holding activities.
type Roadmap struct {
	ID          int64
	Name        string
	Description string
	StartYear   int
	EndYear     int
	FrameworkID int64 // the framework version whose value and behaviour codes the activities use
	Phases      []Phase
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Years lists the years of the roadmap.
func (r *Roadmap) Years() []int {
	var out []int
	for y := r.StartYear; y <= r.EndYear; y++ {
		out = append(out, y)
	}
	return out
}

// Phase is a stage of a roadmap over some of its years (sosialisasi & internalisasi, aktivasi, penguatan, ...).
type Phase struct {
	ID        int64
	Name      string
	StartYear int
	EndYear   int
}

// DefaultPhases are the national phases, spread over a roadmap's years.
func DefaultPhases(start, end int) []Phase {
	names := []string{"Sosialisasi & internalisasi", "Aktivasi", "Penguatan"}
	n := end - start + 1
	if n < 3 {
		return []Phase{{Name: names[0], StartYear: start, EndYear: end}}
	}
	// One year each for the first two, the rest for strengthening.
	return []Phase{
		{Name: names[0], StartYear: start, EndYear: start},
		{Name: names[1], StartYear: start + 1, EndYear: start + 1},
		{Name: names[2], StartYear: start + 2, EndYear: end},
	}
}

// RoadmapInput is what creates or changes a roadmap.
type RoadmapInput struct {
	Name        string
	Description string
	StartYear   int
	EndYear     int
	Phases      []Phase // empty: DefaultPhases
}

// Validate checks a roadmap's span and phases.
func (in *RoadmapInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	if in.Name == "" || len([]rune(in.Name)) > 200 {
		return Invalid("name", MsgRoadmapNameRequiredMostCharacters)
	}
	if in.StartYear < 2000 || in.StartYear > 2100 || in.EndYear < 2000 || in.EndYear > 2100 {
		return Invalid("start_year", MsgStartEndYearsMustBeBetween)
	}
	if in.EndYear < in.StartYear {
		return Invalid("end_year", MsgEndYearCannotBeBeforeStart, in.EndYear, in.StartYear)
	}
	if in.EndYear-in.StartYear > 14 {
		return Invalid("end_year", MsgRoadmapSpansMostYears)
	}
	if len(in.Phases) == 0 {
		in.Phases = DefaultPhases(in.StartYear, in.EndYear)
	}
	for i := range in.Phases {
		p := &in.Phases[i]
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" {
			return Invalid("phases", MsgEveryPhaseNeedsName)
		}
		if p.EndYear < p.StartYear {
			return Invalid("phases", MsgPhaseEndYearBeforeStart, p.Name)
		}
		if p.StartYear < in.StartYear || p.EndYear > in.EndYear {
			return Invalid("phases", MsgPhaseLiesOutsideRoadmap,
				p.Name, p.StartYear, p.EndYear, in.StartYear, in.EndYear)
		}
	}
	return nil
}

// Programme groups activities of a roadmap.
type Programme struct {
	ID          int64
	RoadmapID   int64
	Code        string
	Name        string
	Description string
	Position    int
}

// ProgrammeInput is what creates a programme.
type ProgrammeInput struct {
	Code        string
	Name        string
	Description string
}

// Validate checks a programme.
func (in *ProgrammeInput) Validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	if err := validateShortCode("code", in.Code); err != nil {
		return err
	}
	if in.Name == "" || len([]rune(in.Name)) > 200 {
		return Invalid("name", MsgProgrammeNameRequiredMostCharacters)
	}
	return nil
}

func validateShortCode(field, code string) error {
	if code == "" || len(code) > 32 {
		return Invalid(field, MsgCodeRequiredMostCharacters)
	}
	for _, c := range code {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return Invalid(field, MsgCodeMayHoldOnlyLetters, code)
		}
	}
	return nil
}

// Activity statuses.
const (
	ActivityPlanned   = "planned"
	ActivityRunning   = "running"
	ActivityDone      = "done"
	ActivityCancelled = "cancelled"
)

// ActivityStatuses lists the statuses in order.
var ActivityStatuses = []string{ActivityPlanned, ActivityRunning, ActivityDone, ActivityCancelled}

// Funding sources (sumber dana).
var FundingSources = []string{"rupiah_murni", "pnbp", "blu", "apbd", "hibah", "lainnya"}

// Activity is a planned piece of work of a programme.
type Activity struct {
	ID              int64
	ProgrammeID     int64
	RoadmapID       int64
	Code            string
	Name            string
	Description     string
	ValueCodes      []string
	BehaviourCodes  []string
	OwnerUnitID     int64
	PICEmployeeID   int64 // penanggung jawab; 0 when none
	Quarters        []Quarter
	Indicator       string // indikator keluaran
	IndicatorUnit   string // satuan, e.g. "kegiatan", "%", "orang"
	Target          int64
	Realisation     int64
	Status          string
	Budget          []BudgetLine
	CreatedAt       time.Time
	UpdatedAt       time.Time
	OwnerUnitCode   string // filled by list queries
	OwnerUnitName   string
	PICName         string
	ProgrammeCode   string
	ProgrammeName   string
	RoadmapStartEnd [2]int
}

// Progress is realisation against target, in percent (0 when no target).
func (a *Activity) Progress() float64 {
	if a.Target <= 0 {
		return 0
	}
	return float64(a.Realisation) / float64(a.Target) * 100
}

// RunsIn reports whether the activity runs in year (any quarter).
func (a *Activity) RunsIn(year int) bool {
	for _, q := range a.Quarters {
		if q.Year == year {
			return true
		}
	}
	return false
}

// RunsInQuarter reports whether the activity runs in q.
func (a *Activity) RunsInQuarter(q Quarter) bool {
	return slices.Contains(a.Quarters, q)
}

// Flags lists what is wrong with the plan of a: no value served, no budget line,
// a line realised above its ceiling.
func (a *Activity) Flags() []string {
	var out []string
	if len(a.ValueCodes) == 0 {
		out = append(out, FlagNoValue)
	}
	if len(a.Budget) == 0 && a.Status != ActivityCancelled {
		out = append(out, FlagNoBudget)
	}
	for _, l := range a.Budget {
		if l.OverCeiling() {
			out = append(out, FlagOverCeiling)
			break
		}
	}
	return out
}

// Activity flags.
const (
	FlagNoValue     = "no_value"
	FlagNoBudget    = "no_budget"
	FlagOverCeiling = "over_ceiling"
)

// ActivityInput is what creates or changes an activity. Amounts and quarters
// arrive as text from forms and files and are parsed by Validate.
type ActivityInput struct {
	ProgrammeID    int64
	Code           string
	Name           string
	Description    string
	ValueCodes     []string
	BehaviourCodes []string
	OwnerUnitID    int64
	PICEmployeeID  int64
	Quarters       string
	Indicator      string
	IndicatorUnit  string
	Target         string
	Realisation    string
	Status         string

	ParsedQuarters    []Quarter
	ParsedTarget      int64
	ParsedRealisation int64
}

// Validate checks an activity against its roadmap and framework. Unit and
// employee checks need the database and are made by the store.
func (in *ActivityInput) Validate(r *Roadmap, f *Framework) error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	in.Indicator = strings.TrimSpace(in.Indicator)
	in.IndicatorUnit = strings.TrimSpace(in.IndicatorUnit)
	if in.Status == "" {
		in.Status = ActivityPlanned
	}
	if err := validateShortCode("code", in.Code); err != nil {
		return err
	}
	if in.Name == "" || len([]rune(in.Name)) > 300 {
		return Invalid("name", MsgActivityNameRequiredMostCharacters)
	}
	if !slices.Contains(ActivityStatuses, in.Status) {
		return Invalid("status", MsgUnknownStatusChoosePlanned, in.Status)
	}
	if in.OwnerUnitID == 0 {
		return Invalid("owner_unit_id", MsgChooseUnitOwnsActivity)
	}
	qs, err := ParseQuarters(in.Quarters)
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.Year < r.StartYear || q.Year > r.EndYear {
			return Invalid("quarters", MsgQuarterLiesOutsideRoadmap,
				q, r.StartYear, r.EndYear)
		}
	}
	in.ParsedQuarters = qs
	if in.ParsedTarget, err = parseCount("target", in.Target); err != nil {
		return err
	}
	if in.ParsedRealisation, err = parseCount("realisation", in.Realisation); err != nil {
		return err
	}
	values, behaviours := map[string]bool{}, map[string]bool{}
	for _, v := range f.Values {
		values[v.Code] = true
		for _, b := range v.Behaviours {
			behaviours[b.Code] = true
		}
	}
	in.ValueCodes = cleanCodes(in.ValueCodes)
	in.BehaviourCodes = cleanCodes(in.BehaviourCodes)
	for _, c := range in.ValueCodes {
		if !values[c] {
			return Invalid("values", MsgValueNotFrameworkVersion, c, f.Version)
		}
	}
	for _, c := range in.BehaviourCodes {
		if !behaviours[c] {
			return Invalid("behaviours", MsgBehaviourNotFrameworkVersion, c, f.Version)
		}
	}
	return nil
}

// cleanCodes upper-cases, trims, splits "AK, LO" and removes duplicates.
func cleanCodes(in []string) []string {
	var out []string
	for _, s := range in {
		for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
			c = strings.ToUpper(c)
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// parseCount reads a whole, non-negative count of an output indicator.
func parseCount(field, s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ".", ""), 10, 64)
	if err != nil || n < 0 || n > 1_000_000_000 {
		return 0, Invalid(field, MsgMustBeWholeNumber, s)
	}
	return n, nil
}

// BudgetLine is the money of an activity in one fiscal year.
type BudgetLine struct {
	ID            int64
	ActivityID    int64
	FiscalYear    int
	Ceiling       int64 // pagu, whole rupiah
	Realised      int64 // realisasi, whole rupiah
	FundingSource string
	AccountCode   string // kode akun, e.g. 521211 or 4471.QDB.001.051.A.521211
}

// OverCeiling reports whether more was spent than the ceiling (allowed, but flagged).
func (l BudgetLine) OverCeiling() bool { return l.Realised > l.Ceiling }

// BudgetLineInput is what adds a budget line; amounts as typed.
type BudgetLineInput struct {
	FiscalYear    string
	Ceiling       string
	Realised      string
	FundingSource string
	AccountCode   string
}

// Parse validates the input against the roadmap span and returns the line.
func (in BudgetLineInput) Parse(r *Roadmap) (BudgetLine, error) {
	var l BudgetLine
	y, err := strconv.Atoi(strings.TrimSpace(in.FiscalYear))
	if err != nil {
		return l, Invalid("fiscal_year", MsgFiscalYearMustBeFour, in.FiscalYear)
	}
	if y < r.StartYear || y > r.EndYear {
		return l, Invalid("fiscal_year", MsgFiscalYearLiesOutside, y, r.StartYear, r.EndYear)
	}
	l.FiscalYear = y
	if l.Ceiling, err = ParseRupiah("ceiling", in.Ceiling); err != nil {
		return l, err
	}
	if strings.TrimSpace(in.Ceiling) == "" {
		return l, Invalid("ceiling", MsgCeilingRequiredRupiahRp)
	}
	if l.Realised, err = ParseRupiah("realised", in.Realised); err != nil {
		return l, err
	}
	l.FundingSource = strings.ToLower(strings.TrimSpace(in.FundingSource))
	if l.FundingSource == "" {
		l.FundingSource = "rupiah_murni"
	}
	if !slices.Contains(FundingSources, l.FundingSource) {
		return l, Invalid("funding_source", MsgUnknownFundingSourceChoose,
			in.FundingSource, strings.Join(FundingSources, ", "))
	}
	l.AccountCode = strings.ToUpper(strings.TrimSpace(in.AccountCode))
	if err := ValidateAccountCode(l.AccountCode); err != nil {
		return l, err
	}
	return l, nil
}

// ValidateAccountCode checks a budget account code (kode akun): six digits
// (e.g. 521211 Belanja Bahan), optionally preceded by the segments of the full
// budget code separated by dots (4471.QDB.001.051.A.521211).
func ValidateAccountCode(code string) error {
	bad := Invalid("account_code", MsgAccountCodeMustBeDigits, code)
	if len(code) > 64 {
		return bad
	}
	segs := strings.Split(code, ".")
	last := segs[len(segs)-1]
	if len(last) != 6 {
		return bad
	}
	for _, c := range last {
		if c < '0' || c > '9' {
			return bad
		}
	}
	for _, s := range segs[:len(segs)-1] {
		if s == "" {
			return bad
		}
		for _, c := range s {
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
				return bad
			}
		}
	}
	return nil
}

// AccountName names the common 52xxxx accounts of the Bagan Akun Standar, for readable proposals.
func AccountName(code string) string {
	segs := strings.Split(code, ".")
	switch segs[len(segs)-1] {
	case "521211":
		return "Belanja Bahan"
	case "521213":
		return "Belanja Honor Output Kegiatan"
	case "521219":
		return "Belanja Barang Non Operasional Lainnya"
	case "522151":
		return "Belanja Jasa Profesi"
	case "524111":
		return "Belanja Perjalanan Dinas Biasa"
	case "524113":
		return "Belanja Perjalanan Dinas Dalam Kota"
	case "524114":
		return "Belanja Perjalanan Dinas Paket Meeting Dalam Kota"
	case "524119":
		return "Belanja Perjalanan Dinas Paket Meeting Luar Kota"
	case "521811":
		return "Belanja Barang Persediaan Barang Konsumsi"
	}
	return ""
}

// ImportActivity is one activity read from a roadmap file, with the rows it came from.
type ImportActivity struct {
	Row           int // first row of the activity in the file (1-based, the header is row 1)
	ProgrammeCode string
	ProgrammeName string
	UnitCode      string
	PICIdentifier string
	Input         ActivityInput
	Lines         []ImportLine
}

// ImportLine is one budget line read from a roadmap file.
type ImportLine struct {
	Row   int
	Input BudgetLineInput
}

// RowError says what is wrong with one row of an imported file.
type RowError struct {
	Row       int
	Field     string
	Message   string
	MessageEN string
}

// RowErrorOf turns err into a RowError of row.
func RowErrorOf(row int, err error) RowError {
	if e := AsError(err); e != nil {
		return RowError{Row: row, Field: e.Field, Message: e.Message, MessageEN: e.MessageEN}
	}
	return RowError{Row: row, Message: err.Error(), MessageEN: err.Error()}
}

// ActivityFilter selects activities.
type ActivityFilter struct {
	RoadmapID   int64
	ProgrammeID int64
	UnitID      int64
	ValueCode   string
	Year        int // runs in the year or has a budget line for it
	IDs         []int64
	Under       string   // only activities owned by the unit with this path or a unit below it
	Codes       []string // only activities aimed at one of these value or behaviour codes
	Limit       int      // at most this many (0: all)
}
