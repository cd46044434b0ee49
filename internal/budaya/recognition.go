package budaya

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Recognition visibilities.
const (
	// VisibilityUnit posts the recognition on the wall of the recipient's unit,
	// which the instansi wall gathers: every signed-in user may read it.
	VisibilityUnit = "unit"
	// VisibilityPrivate shows it only to the recipient, the sender and the
	// recipient's atasan langsung.
	VisibilityPrivate = "private"
)

// Recognition settings and their defaults.
const (
	SettingRecognitionDailyLimit = "recognition_daily_limit"
	DefaultRecognitionDailyLimit = 5
	// SettingRecognitionMinGroup is K: per-value counts of a unit with fewer
	// distinct recipients are not shown.
	SettingRecognitionMinGroup = "recognition_min_group"
	DefaultRecognitionMinGroup = 5
)

// Recognition is an apresiasi: one employee thanks a colleague for a concrete act.
type Recognition struct {
	ID          int64
	SenderID    int64 // employee
	SenderName  string
	RecipientID int64 // employee
	Recipient   string
	UnitID      int64 // the recipient's unit when it was given
	UnitName    string
	Message     string
	Visibility  string
	Values      []string // value codes
	Behaviours  []string // behaviour codes
	CreatedAt   time.Time
}

// RecognitionInput is what a sender writes.
type RecognitionInput struct {
	RecipientID int64
	Message     string
	Visibility  string
	Values      []string
	Behaviours  []string
}

// PastRecognition is a recognition given before it was loaded into budaya:
// the demo's history, or an import from an earlier system. It names its
// sender directly and carries its own time.
type PastRecognition struct {
	SenderID int64
	At       time.Time
	RecognitionInput
}

// Recognition message bounds, in characters.
const (
	RecognitionMinMessage = 10
	RecognitionMaxMessage = 1000
)

// Validate trims in and checks it against the framework f: a recipient, a
// concrete message, a known visibility, at least one value, and behaviours
// that belong to the chosen core values (or to the core values an instansi
// value maps to).
func (in *RecognitionInput) Validate(f *Framework) error {
	in.Message = strings.TrimSpace(in.Message)
	in.Visibility = strings.TrimSpace(in.Visibility)
	if in.Visibility == "" {
		in.Visibility = VisibilityUnit
	}
	in.Values = uniqueTrimmed(in.Values)
	in.Behaviours = uniqueTrimmed(in.Behaviours)
	if in.RecipientID <= 0 {
		return Invalid("recipient", MsgChooseColleagueWantThank)
	}
	n := utf8.RuneCountInString(in.Message)
	if n < RecognitionMinMessage {
		return Invalid("message", MsgDescribeConcreteActAppreciate, RecognitionMinMessage)
	}
	if n > RecognitionMaxMessage {
		return Invalid("message", MsgMessageMayMostCharacters, RecognitionMaxMessage, n)
	}
	if in.Visibility != VisibilityUnit && in.Visibility != VisibilityPrivate {
		return Invalid("visibility", MsgChooseWhoMaySee)
	}
	if len(in.Values) == 0 {
		return Invalid("values", MsgChooseLeastOneValue)
	}
	allowed := map[string]bool{} // behaviour codes the chosen values cover
	for _, code := range in.Values {
		v := f.Value(code)
		if v == nil {
			return Invalid("values", MsgValueNotFrameworkForce, code)
		}
		for _, core := range f.CoreOf(v) {
			for _, b := range core.Behaviours {
				allowed[b.Code] = true
			}
		}
	}
	for _, b := range in.Behaviours {
		if !allowed[b] {
			return Invalid("behaviours", MsgBehaviourNotPartValues, b)
		}
	}
	return nil
}

// Value returns the value with code, or nil.
func (f *Framework) Value(code string) *Value {
	for i := range f.Values {
		if f.Values[i].Code == code {
			return &f.Values[i]
		}
	}
	return nil
}

// CoreOf returns the core values v stands for: v itself for a core value,
// the values it maps to for an instansi value.
func (f *Framework) CoreOf(v *Value) []Value {
	if v.Kind == ValueCore {
		return []Value{*v}
	}
	var out []Value
	for _, c := range v.MapsTo {
		if cv := f.Value(c); cv != nil {
			out = append(out, *cv)
		}
	}
	return out
}

func uniqueTrimmed(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.ToUpper(strings.TrimSpace(s))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// RecognitionFilter selects recognitions.
type RecognitionFilter struct {
	UnitID      int64 // recipient's unit (with its subtree)
	RecipientID int64
	SenderID    int64
	Value       string
	// ViewerEmployeeID sees, besides unit-visible recognitions, the private
	// ones they sent or received or that were given to someone they supervise.
	ViewerEmployeeID int64
	Page             int
	PerPage          int
}

// ValueCount is how often a value was recognised in a group.
type ValueCount struct {
	Code  string
	Count int
}

// UnitRecognitionStats are the recognition counts of a unit for its leader.
type UnitRecognitionStats struct {
	UnitID     int64
	Recipients int  // distinct recipients
	Total      int  // recognitions
	Suppressed bool // fewer than K distinct recipients: counts per value withheld
	MinGroup   int  // K
	PerValue   []ValueCount
}

// ParseRecognitionSettings checks the daily limit (1..50) and K (3..10) an admin enters.
func ParseRecognitionSettings(limit, minGroup string) (int, int, error) {
	l, err := strconv.Atoi(strings.TrimSpace(limit))
	if err != nil || l < 1 || l > 50 {
		return 0, 0, Invalid("daily_limit", MsgDailyLimitMustBeWhole)
	}
	k, err := strconv.Atoi(strings.TrimSpace(minGroup))
	if err != nil || k < 3 || k > 10 {
		return 0, 0, Invalid("min_group", MsgMinimumNumberRecipientsK)
	}
	return l, k, nil
}
