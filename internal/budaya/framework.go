package budaya

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The official BerAKHLAK data (SE MenPAN-RB 20/2021, Permenpan RB 6/2022),
// shipped inside the binary so that nothing is read from disk at run time.
//
//go:embed berakhlak.json
var berakhlakJSON []byte

// English translations of the official texts, keyed by code.
//
//go:embed berakhlak_en.json
var berakhlakENJSON []byte

// Framework is one version of a value framework.
type Framework struct {
	ID               int64
	Code             string
	Version          int
	Name             string
	EmployerBranding string
	Source           string
	Status           string // FrameworkDraft or FrameworkPublished
	PublishedAt      time.Time
	CreatedAt        time.Time
	Values           []Value
}

// Framework statuses.
const (
	FrameworkDraft     = "draft"
	FrameworkPublished = "published"
)

// Frozen reports whether the version is published and so cannot change.
func (f *Framework) Frozen() bool { return f.Status == FrameworkPublished }

// CoreValues returns the BerAKHLAK values of f.
func (f *Framework) CoreValues() []Value { return f.valuesOfKind(ValueCore) }

// InstansiValues returns the instansi's own values of f.
func (f *Framework) InstansiValues() []Value { return f.valuesOfKind(ValueInstansi) }

func (f *Framework) valuesOfKind(kind string) []Value {
	var out []Value
	for _, v := range f.Values {
		if v.Kind == kind {
			out = append(out, v)
		}
	}
	return out
}

// Value kinds.
const (
	ValueCore     = "core"
	ValueInstansi = "instansi"
)

// Value is a core value (BerAKHLAK) or an instansi value mapped onto core values.
type Value struct {
	ID           int64
	Code         string
	Kind         string
	Name         string
	NameEN       string
	Definition   string
	DefinitionEN string
	Position     int
	Behaviours   []Behaviour
	MapsTo       []string // codes of core values, for instansi values
}

// Behaviour is one panduan perilaku of a core value.
type Behaviour struct {
	ID       int64
	Code     string
	Text     string
	TextEN   string
	Position int
}

// Official is the machine-readable content of berakhlak.json that budaya uses.
type Official struct {
	Framework struct {
		Code             string `json:"code"`
		Name             string `json:"name"`
		EmployerBranding string `json:"employer_branding"`
		Source           string `json:"source"`
		Values           []struct {
			Code       string `json:"code"`
			Name       string `json:"name"`
			Definition string `json:"definition"`
			Behaviours []struct {
				Code string `json:"code"`
				Text string `json:"text"`
			} `json:"behaviours"`
		} `json:"values"`
	} `json:"framework"`
	InstitutionValuesExample struct {
		Values []string `json:"values"`
	} `json:"institution_values_example"`
	RatingScalePerilaku  []string                   `json:"rating_scale_perilaku"`
	PredikatMatrix       map[string]json.RawMessage `json:"predikat_kinerja_matrix"`
	CapaianOrganisasi    []string                   `json:"capaian_kinerja_organisasi"`
	HealthBands          []HealthBand               `json:"culture_health_bands_percent"`
	NationalIndex2022    NationalIndex              `json:"national_reference_index_2022"`
	NationalIndex2023    NationalIndex              `json:"national_reference_index_2023"`
	DistributionPatterns map[string]json.RawMessage `json:"distribution_pattern_by_capaian"`
}

// HealthBand is a named range of the culture index, in percent.
type HealthBand struct {
	Band string  `json:"band"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// NationalIndex is a published national reference figure.
type NationalIndex struct {
	Source         string             `json:"source"`
	OverallPercent float64            `json:"overall_percent"`
	Respondents    int                `json:"respondents"`
	Instansi       int                `json:"instansi"`
	PerValue       map[string]float64 `json:"per_value_percent"`
}

// translations is the shape of berakhlak_en.json.
type translations struct {
	Values map[string]struct {
		Name       string `json:"name"`
		Definition string `json:"definition"`
	} `json:"values"`
	Behaviours map[string]string `json:"behaviours"`
}

// LoadOfficial parses the embedded official data.
func LoadOfficial() (*Official, error) {
	var o Official
	if err := json.Unmarshal(berakhlakJSON, &o); err != nil {
		return nil, fmt.Errorf("parse embedded berakhlak.json: %w", err)
	}
	return &o, nil
}

// OfficialFramework returns the BerAKHLAK framework from the embedded data,
// with English translations, ready to be stored as version 1.
func OfficialFramework() (*Framework, error) {
	o, err := LoadOfficial()
	if err != nil {
		return nil, err
	}
	var tr translations
	if err := json.Unmarshal(berakhlakENJSON, &tr); err != nil {
		return nil, fmt.Errorf("parse embedded berakhlak_en.json: %w", err)
	}
	f := &Framework{
		Code:             o.Framework.Code,
		Version:          1,
		Name:             o.Framework.Name,
		EmployerBranding: o.Framework.EmployerBranding,
		Source:           o.Framework.Source,
		Status:           FrameworkPublished,
	}
	for i, v := range o.Framework.Values {
		tv, ok := tr.Values[v.Code]
		if !ok || tv.Name == "" || tv.Definition == "" {
			return nil, fmt.Errorf("berakhlak_en.json: no translation for value %s", v.Code)
		}
		val := Value{Code: v.Code, Kind: ValueCore, Name: v.Name, NameEN: tv.Name,
			Definition: v.Definition, DefinitionEN: tv.Definition, Position: i + 1}
		for j, b := range v.Behaviours {
			en := tr.Behaviours[b.Code]
			if en == "" {
				return nil, fmt.Errorf("berakhlak_en.json: no translation for behaviour %s", b.Code)
			}
			val.Behaviours = append(val.Behaviours, Behaviour{Code: b.Code, Text: b.Text, TextEN: en, Position: j + 1})
		}
		f.Values = append(f.Values, val)
	}
	return f, nil
}

// ValidateValueCode checks the code of an instansi value: 2..16 upper-case letters or digits.
func ValidateValueCode(code string) error {
	if len(code) < 2 || len(code) > 16 || strings.ToUpper(code) != code {
		return Invalid("code", MsgValueCodeMustBeUpper)
	}
	for _, c := range code {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return Invalid("code", MsgValueCodeMayHold)
		}
	}
	return nil
}

// InstansiValueInput is what an admin enters to add an instansi value.
type InstansiValueInput struct {
	Code         string
	Name         string
	NameEN       string
	Definition   string
	DefinitionEN string
	MapsTo       []string
}

// Validate checks an instansi value against the core values of f.
func (in *InstansiValueInput) Validate(f *Framework) error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name = strings.TrimSpace(in.Name)
	in.NameEN = strings.TrimSpace(in.NameEN)
	if err := ValidateValueCode(in.Code); err != nil {
		return err
	}
	if in.Name == "" || len(in.Name) > 100 {
		return Invalid("name", MsgValueNameRequiredMostCharacters)
	}
	if in.NameEN == "" {
		in.NameEN = in.Name
	}
	for _, v := range f.Values {
		if v.Code == in.Code {
			return Invalid("code", MsgCodeAlreadyUsedVersion, in.Code)
		}
	}
	if len(in.MapsTo) == 0 {
		return Invalid("maps_to", MsgChooseLeastOneBerakhlakValue)
	}
	core := map[string]bool{}
	for _, v := range f.CoreValues() {
		core[v.Code] = true
	}
	for _, c := range in.MapsTo {
		if !core[c] {
			return Invalid("maps_to", MsgBerakhlakValueDoesNotExist, c)
		}
	}
	return nil
}
