package web

import (
	"net/http"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// The JSON shapes of the API, described in openapi.json.

type apiRole struct {
	Role   string `json:"role"`
	UnitID int64  `json:"unit_id,omitempty"`
}

type apiUser struct {
	ID          int64     `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	EmployeeID  int64     `json:"employee_id,omitempty"`
	Roles       []apiRole `json:"roles"`
}

type apiBehaviour struct {
	Code   string `json:"code"`
	Text   string `json:"text"`
	TextEN string `json:"text_en"`
}

type apiValue struct {
	Code         string         `json:"code"`
	Kind         string         `json:"kind"`
	Name         string         `json:"name"`
	NameEN       string         `json:"name_en"`
	Definition   string         `json:"definition"`
	DefinitionEN string         `json:"definition_en"`
	Behaviours   []apiBehaviour `json:"behaviours"`
	MapsTo       []string       `json:"maps_to"`
}

type apiFramework struct {
	ID               int64      `json:"id"`
	Code             string     `json:"code"`
	Version          int        `json:"version"`
	Name             string     `json:"name"`
	EmployerBranding string     `json:"employer_branding"`
	Status           string     `json:"status"`
	PublishedAt      *time.Time `json:"published_at"`
	Values           []apiValue `json:"values"`
}

type apiAuditEntry struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	ActorID    int64     `json:"actor_id,omitempty"`
	ActorName  string    `json:"actor_name"`
	Action     string    `json:"action"`
	Entity     string    `json:"entity"`
	EntityID   string    `json:"entity_id"`
	OldValue   string    `json:"old_value"`
	NewValue   string    `json:"new_value"`
	RemoteAddr string    `json:"remote_addr"`
}

// apiList is the shape of every list answer.
type apiList[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func toAPIUser(u *budaya.User) apiUser {
	out := apiUser{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, EmployeeID: u.EmployeeID, Roles: []apiRole{}}
	for _, g := range u.Roles {
		out.Roles = append(out.Roles, apiRole{Role: string(g.Role), UnitID: g.UnitID})
	}
	return out
}

func toAPIFramework(f *budaya.Framework) apiFramework {
	out := apiFramework{ID: f.ID, Code: f.Code, Version: f.Version, Name: f.Name, EmployerBranding: f.EmployerBranding, Status: f.Status, Values: []apiValue{}}
	if !f.PublishedAt.IsZero() {
		t := f.PublishedAt
		out.PublishedAt = &t
	}
	for _, v := range f.Values {
		av := apiValue{Code: v.Code, Kind: v.Kind, Name: v.Name, NameEN: v.NameEN, Definition: v.Definition, DefinitionEN: v.DefinitionEN,
			Behaviours: []apiBehaviour{}, MapsTo: []string{}}
		for _, b := range v.Behaviours {
			av.Behaviours = append(av.Behaviours, apiBehaviour{Code: b.Code, Text: b.Text, TextEN: b.TextEN})
		}
		av.MapsTo = append(av.MapsTo, v.MapsTo...)
		out.Values = append(out.Values, av)
	}
	return out
}

func (s *Server) handleAPIMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, toAPIUser(userFrom(r.Context())))
}

func (s *Server) handleAPIFramework(w http.ResponseWriter, r *http.Request) {
	f, err := s.db.ActiveFramework(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIFramework(f))
}

func (s *Server) handleAPIAudit(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilterOf(r, s.loc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	entries, total, err := s.db.ListAudit(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiAuditEntry]{Items: []apiAuditEntry{}, Total: total}
	for _, e := range entries {
		out.Items = append(out.Items, apiAuditEntry{ID: e.ID, At: e.At, ActorID: e.ActorID, ActorName: e.ActorName, Action: e.Action,
			Entity: e.Entity, EntityID: e.EntityID, OldValue: e.OldValue, NewValue: e.NewValue, RemoteAddr: e.RemoteAddr})
	}
	writeJSON(w, http.StatusOK, out)
}
