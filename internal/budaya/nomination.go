package budaya

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Nomination round statuses, in order.
const (
	RoundOpen      = "open"      // employees nominate colleagues
	RoundScoring   = "scoring"   // the committee declares conflicts and scores
	RoundAnnounced = "announced" // winners are public; certificates and badges issued
)

// NominationRound is one teladan (Duta BerAKHLAK) selection: for a period and a value.
type NominationRound struct {
	ID              int64
	Title           string
	Period          string // e.g. "Triwulan III 2026"
	ValueCode       string
	NominateUntil   time.Time
	Status          string
	Winners         int // how many winners the round names
	Criteria        []Criterion
	Committee       []CommitteeMember
	CreatedAt       time.Time
	AnnouncedAt     time.Time
	NominationCount int
}

// Criterion is one published scoring criterion of a round.
type Criterion struct {
	ID          int64
	Name        string
	Description string
	Weight      int // percent; the weights of a round add up to 100
	Position    int
}

// CommitteeMember is a user appointed to score a round.
type CommitteeMember struct {
	UserID int64
	Name   string
}

// NominationRoundInput is what an admin enters to open a round.
type NominationRoundInput struct {
	Title         string
	Period        string
	ValueCode     string
	NominateUntil time.Time
	Winners       int
	Criteria      []Criterion
	At            time.Time // when it was opened; zero means now (set only by loads of history)
}

// Validate trims in and checks it against the framework f at time now.
func (in *NominationRoundInput) Validate(f *Framework, now time.Time) error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Period = strings.Join(strings.Fields(in.Period), " ")
	in.ValueCode = strings.ToUpper(strings.TrimSpace(in.ValueCode))
	if in.Title == "" || utf8.RuneCountInString(in.Title) > 200 {
		return Invalid("title", MsgRoundTitleRequiredMostCharacters)
	}
	if in.Period == "" || utf8.RuneCountInString(in.Period) > 100 {
		return Invalid("period", MsgPeriodRequiredExampleTriwulan)
	}
	if f.Value(in.ValueCode) == nil {
		return Invalid("value", MsgChooseValueRoleModel)
	}
	if in.NominateUntil.IsZero() || !in.NominateUntil.After(now) {
		return Invalid("nominate_until", MsgNominationDeadlineMustBeFuture)
	}
	if in.Winners == 0 {
		in.Winners = 1
	}
	if in.Winners < 1 || in.Winners > 20 {
		return Invalid("winners", MsgNumberWinnersMustBe)
	}
	var crit []Criterion
	sum := 0
	for _, c := range in.Criteria {
		c.Name = strings.Join(strings.Fields(c.Name), " ")
		c.Description = strings.TrimSpace(c.Description)
		if c.Name == "" && c.Weight == 0 {
			continue
		}
		if c.Name == "" || utf8.RuneCountInString(c.Name) > 200 {
			return Invalid("criteria", MsgEveryCriterionNeedsName)
		}
		if c.Weight < 1 || c.Weight > 100 {
			return Invalid("criteria", MsgWeightCriterionMustBePercent, c.Name)
		}
		sum += c.Weight
		c.Position = len(crit) + 1
		crit = append(crit, c)
	}
	if len(crit) == 0 {
		return Invalid("criteria", MsgPublishLeastOneScoring)
	}
	if sum != 100 {
		return Invalid("criteria", MsgCriterionWeightsMustAdd, sum)
	}
	in.Criteria = crit
	return nil
}

// Nomination is one employee's proposal of a colleague in a round.
type Nomination struct {
	ID            int64
	RoundID       int64
	NomineeID     int64
	NomineeName   string
	NominatorID   int64
	NominatorName string
	Reason        string
	EvidenceIDs   []int64
	CreatedAt     time.Time
}

// NominationInput is what a nominator writes.
type NominationInput struct {
	NomineeID   int64
	Reason      string
	EvidenceIDs []int64   // evidence files already stored, to link
	At          time.Time // zero means now (set only by loads of history)
}

// Validate trims and checks in.
func (in *NominationInput) Validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	if in.NomineeID <= 0 {
		return Invalid("nominee", MsgChooseColleagueNominate)
	}
	n := utf8.RuneCountInString(in.Reason)
	if n < 30 {
		return Invalid("reason", MsgExplainNominationConcreteExamples)
	}
	if n > 3000 {
		return Invalid("reason", MsgReasonMayMostCharacters, n)
	}
	return nil
}

// Scores run from 1 to MaxScore on every criterion.
const MaxScore = 5

// Declaration is a committee member's statement about one nominee, made
// before scoring them: a conflict of interest removes the member from that nominee.
type Declaration struct {
	UserID    int64
	NomineeID int64
	Conflict  bool
	Note      string
	At        time.Time
}

// Score is one committee member's score of one nominee on one criterion.
type Score struct {
	UserID      int64
	NomineeID   int64
	CriterionID int64
	Value       int
}

// NomineeResult is a nominee's standing in a round.
type NomineeResult struct {
	NomineeID   int64
	Name        string
	Nominations int
	Scorers     int     // members who scored every criterion and declared no conflict
	Conflicted  int     // members who declared a conflict
	Total       float64 // mean weighted score, 0..100
	Rank        int
	Winner      bool
}

// TallyRound computes every nominee's result from the criteria, the
// declarations and the scores. A member counts for a nominee only when they
// declared no conflict for that nominee and scored every criterion; a declared
// conflict removes them from that nominee even if scores were entered. The
// total is the mean over counted members of the weighted score
// sum(weight * (score-1)/(MaxScore-1)), so it runs from 0 to 100. Nominees are
// ranked by total (ties by more scorers, then by nominee id).
func TallyRound(criteria []Criterion, nominees []NomineeResult, decls []Declaration, scores []Score) []NomineeResult {
	type key struct{ user, nominee int64 }
	conflict := map[key]bool{}
	declared := map[key]bool{}
	for _, d := range decls {
		k := key{d.UserID, d.NomineeID}
		declared[k] = true
		if d.Conflict {
			conflict[k] = true
		}
	}
	weight := map[int64]int{}
	for _, c := range criteria {
		weight[c.ID] = c.Weight
	}
	perMember := map[key]map[int64]int{}
	for _, s := range scores {
		k := key{s.UserID, s.NomineeID}
		if _, ok := weight[s.CriterionID]; !ok || !declared[k] || conflict[k] {
			continue
		}
		if perMember[k] == nil {
			perMember[k] = map[int64]int{}
		}
		perMember[k][s.CriterionID] = s.Value
	}
	out := make([]NomineeResult, len(nominees))
	copy(out, nominees)
	for i := range out {
		r := &out[i]
		r.Scorers, r.Conflicted, r.Total = 0, 0, 0
		for k := range conflict {
			if k.nominee == r.NomineeID {
				r.Conflicted++
			}
		}
		var sum float64
		for k, byCrit := range perMember {
			if k.nominee != r.NomineeID || len(byCrit) != len(criteria) {
				continue
			}
			var w float64
			for cid, v := range byCrit {
				w += float64(weight[cid]) * float64(v-1) / float64(MaxScore-1)
			}
			sum += w
			r.Scorers++
		}
		if r.Scorers > 0 {
			r.Total = sum / float64(r.Scorers)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		if out[i].Scorers != out[j].Scorers {
			return out[i].Scorers > out[j].Scorers
		}
		return out[i].NomineeID < out[j].NomineeID
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// Badge is a recognition shown on a person's profile: a role-model award.
type Badge struct {
	RoundID   int64
	Title     string
	Period    string
	ValueCode string
	Rank      int
	Awarded   time.Time
}
