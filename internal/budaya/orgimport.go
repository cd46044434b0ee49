package budaya

// The types an organisation import passes between the importer (which reads
// and checks files), the store (which knows what exists and applies the plan)
// and the web and CLI (which show the dry run).

// Import operations on one unit or employee.
const (
	OpCreate     = "create"
	OpChange     = "change"
	OpUnchanged  = "unchanged"
	OpDeactivate = "deactivate"
)

// Severities of an import issue: an error refuses the whole import, a warning does not.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// ImportIssue is one thing wrong with one row (or the file as a whole, Row 0).
type ImportIssue struct {
	File      string // the file name, when an import has two
	Row       int    // spreadsheet row number: the header is row 1; 0 for the whole file
	Column    string // the column header as written in the file, or ""
	Severity  string
	Message   string // Bahasa Indonesia: what is wrong
	MessageEN string
	Fix       string // Bahasa Indonesia: how to fix it
	FixEN     string
}

// Text returns the message in lang.
func (i ImportIssue) Text(lang string) string {
	if lang == "en" {
		return i.MessageEN
	}
	return i.Message
}

// FixText returns how to fix it, in lang.
func (i ImportIssue) FixText(lang string) string {
	if lang == "en" {
		return i.FixEN
	}
	return i.Fix
}

// ExistingUnit is what an import needs to know of a unit already stored.
type ExistingUnit struct {
	ID       int64
	Code     string
	Name     string
	Level    string
	ParentID int64
	Closed   bool
	LeaderID int64 // the employee who leads the unit, 0 when none
}

// ExistingEmployee is what an import needs to know of an employee already stored.
type ExistingEmployee struct {
	ID           int64
	NIP          string
	OtherID      string
	Name         string
	FrontTitle   string
	BackTitle    string
	Position     string
	PositionKind string
	Rank         string
	Status       string
	UnitID       int64
	SupervisorID int64
	Email        string
	Active       bool
}

// Key is the identifier an import matches employees by: the NIP, else the other identifier.
func (e *ExistingEmployee) Key() string { return EmployeeKey(e.NIP, e.OtherID) }

// EmployeeKey is the key an import matches an employee by: the NIP, else "#"
// and the other identifier. No NIP starts with "#", so the two never collide.
func EmployeeKey(nip, otherID string) string {
	if nip != "" {
		return nip
	}
	return "#" + otherID
}

// OrgSnapshot is the stored organisation an import is checked against.
type OrgSnapshot struct {
	Units     []ExistingUnit
	Employees []ExistingEmployee
}

// UnitPlan is a unit an import creates or changes. ParentCode "" means a root.
type UnitPlan struct {
	Row        int
	Op         string
	ID         int64 // for OpChange
	Code       string
	Name       string
	Level      string
	ParentCode string
}

// EmployeePlan is an employee an import creates or changes, with every field
// as it will be stored. UnitCode and SupervisorKey refer to units and
// employees by code and key, since new ones have no id yet.
type EmployeePlan struct {
	Row           int
	Op            string
	ID            int64 // for OpChange
	NIP           string
	OtherID       string
	Name          string
	FrontTitle    string
	BackTitle     string
	Position      string
	PositionKind  string
	Rank          string
	Status        string
	UnitCode      string
	SupervisorKey string // "" for none; a NIP, or "#" + other identifier
	Email         string
	Active        bool
}

// Key is the identifier the employee is matched by.
func (e *EmployeePlan) Key() string { return EmployeeKey(e.NIP, e.OtherID) }

// ImportCounts say how many units and employees an import creates, changes,
// leaves as they are, and deactivates.
type ImportCounts struct {
	Rows                int `json:"rows"`
	UnitsCreated        int `json:"units_created"`
	UnitsChanged        int `json:"units_changed"`
	UnitsUnchanged      int `json:"units_unchanged"`
	EmployeesCreated    int `json:"employees_created"`
	EmployeesChanged    int `json:"employees_changed"`
	EmployeesUnchanged  int `json:"employees_unchanged"`
	EmployeesDeactivate int `json:"employees_deactivated"`
	Errors              int `json:"errors"`
	Warnings            int `json:"warnings"`
}

// Changes is the number of units and employees the import writes.
func (c ImportCounts) Changes() int {
	return c.UnitsCreated + c.UnitsChanged + c.EmployeesCreated + c.EmployeesChanged + c.EmployeesDeactivate
}

// ImportPlan is the outcome of a dry run: what an import would write and what
// is wrong. Only a plan without errors may be applied.
type ImportPlan struct {
	Kind       string   // "units", "employees", "combined", or "units+employees" for two files
	Files      []string // the file names
	Units      []UnitPlan
	Employees  []EmployeePlan // creations and changes
	Deactivate []DeactivatePlan
	Issues     []ImportIssue // at most MaxImportIssues; Counts holds the totals
	Counts     ImportCounts
}

// DeactivatePlan is an employee a full employee file no longer lists.
type DeactivatePlan struct {
	ID   int64
	Key  string
	Name string
}

// MaxImportIssues is how many issues a plan keeps in detail; the counts hold the rest.
const MaxImportIssues = 1000

// OK reports whether the plan has no errors and may be applied.
func (p *ImportPlan) OK() bool { return p.Counts.Errors == 0 }

// AddIssue records an issue, keeping at most MaxImportIssues in detail.
func (p *ImportPlan) AddIssue(i ImportIssue) {
	if i.Severity == SeverityError {
		p.Counts.Errors++
	} else {
		p.Counts.Warnings++
	}
	if len(p.Issues) < MaxImportIssues {
		p.Issues = append(p.Issues, i)
	}
}
