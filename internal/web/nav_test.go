package web

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestNavByRole records the links each role combination the tests sign in
// with sees, in order, so that a change to navFor shows up here.
func TestNavByRole(t *testing.T) {
	t.Parallel()
	const (
		everyone = "/ /tasks /perilaku /recognition /nominations /framework /units /alignment /roadmaps /me/data /profile"
		leader   = "/ /tasks /periods /perilaku /index /recognition /nominations /framework /units /employees /alignment /roadmaps /me/data /profile"
		auditor  = "/ /tasks /periods /perilaku /index /hub /recognition /nominations /framework /units /employees /alignment /roadmaps /audit /me/data /import /profile"
		admin    = "/ /tasks /periods /perilaku /index /hub /recognition /nominations /framework /units /employees /alignment /roadmaps /signals /audit /admin/privacy /admin/mail /admin/activation /me/data /import /profile"
	)
	tests := []struct {
		roles []budaya.Role
		want  string
	}{
		{nil, everyone},
		{[]budaya.Role{budaya.RolePegawai}, everyone},
		{[]budaya.Role{budaya.RoleAgenPerubahan}, everyone},
		{[]budaya.Role{budaya.RoleAgenPerubahan, budaya.RolePegawai}, everyone},
		{[]budaya.Role{budaya.RolePimpinan}, leader},
		{[]budaya.Role{budaya.RolePimpinan, budaya.RoleAgenPerubahan}, leader},
		{[]budaya.Role{budaya.RoleAuditor}, auditor},
		{[]budaya.Role{budaya.RolePimpinan, budaya.RoleAuditor}, auditor},
		{[]budaya.Role{budaya.RoleAdmin}, admin},
		{[]budaya.Role{budaya.RoleAdmin, budaya.RolePimpinan, budaya.RoleAuditor}, admin},
	}
	for _, tt := range tests {
		u := &budaya.User{}
		for _, r := range tt.roles {
			u.Roles = append(u.Roles, budaya.RoleGrant{Role: r})
		}
		t.Run(fmt.Sprint(u.RoleNames()), func(t *testing.T) {
			var got []string
			for _, item := range navFor(u, "/") {
				got = append(got, item.Href)
			}
			if want := strings.Fields(tt.want); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	if got := navFor(nil, "/"); got != nil {
		t.Errorf("signed out: got %v, want no navigation", got)
	}
}

// TestNavActive checks which link is marked as the current page.
func TestNavActive(t *testing.T) {
	t.Parallel()
	u := &budaya.User{Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}
	tests := []struct{ path, want string }{
		{"/", "/"},
		{"/tasks", "/tasks"},
		{"/index/units", "/index"},
		{"/admin/privacy", "/admin/privacy"},
		{"/nowhere", ""},
	}
	for _, tt := range tests {
		var active []string
		for _, item := range navFor(u, tt.path) {
			if item.Active {
				active = append(active, item.Href)
			}
		}
		if want := strings.Fields(tt.want); !slices.Equal(active, want) {
			t.Errorf("%s: got active %v, want %v", tt.path, active, want)
		}
	}
}
