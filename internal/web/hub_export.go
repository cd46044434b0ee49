package web

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/hub"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// The instansi side of the national roll-up (issue 17, docs/hub.md): a
// package of the figures the index pages publish, signed with the instansi's
// own key.

// HubPackage makes the package of closed period periodID under label (empty:
// the period's name). It reads the figures through figures(), the same gate
// every index page goes through, and keeps only groups that the index shows
// (not suppressed, at least K respondents): the instansi as a whole and its
// eselon I and II units. Nothing is recomputed from answers.
func (s *Server) HubPackage(ctx context.Context, actor budaya.Actor, periodID int64, label string) (*hub.Package, error) {
	p, err := s.db.FindIndexPeriod(ctx, periodID)
	if err != nil {
		return nil, err
	}
	if p.Status != budaya.PeriodClosed {
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgHubPackageMadeOnlyClosed, p.Name)
	}
	ref, err := s.db.FindIndexRefresh(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	code, err := s.db.Setting(ctx, store.SettingInstansiCode, "")
	if err != nil {
		return nil, err
	}
	name, err := s.db.Setting(ctx, store.SettingInstansiName, "")
	if err != nil {
		return nil, err
	}
	if code == "" || name == "" {
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgInstansiCodeNameNotSet)
	}
	f, err := s.db.FindFramework(ctx, p.FrameworkID)
	if err != nil {
		return nil, err
	}
	c := &indexCut{Period: p, Refresh: ref, Instrument: budaya.InstrumentSurvey, Scope: index.Tree}
	if c.Layout, err = index.NewLayout(f); err != nil {
		return nil, err
	}
	if c.Units, c.byID, err = s.snapshots.get(ctx, s.db, p.ID, ref); err != nil {
		return nil, err
	}
	keys := []index.GroupKey{{Unit: 0, Scope: index.Tree}}
	for _, u := range c.Units {
		if u.Level == budaya.LevelEselon1 || u.Level == budaya.LevelEselon2 {
			keys = append(keys, index.GroupKey{Unit: u.ID, Scope: index.Tree})
		}
	}
	figs, err := s.figures(ctx, c, keys)
	if err != nil {
		return nil, err
	}
	if label == "" {
		label = p.Name
	}
	pkg := &hub.Package{Format: hub.Format, Instansi: hub.Instansi{Code: code, Name: name}, Method: index.Version,
		Period:    hub.Period{Label: label, Name: p.Name, Starts: p.StartsAt.Format(time.DateOnly), Ends: p.EndsAt.Format(time.DateOnly), K: p.K},
		Framework: hub.Framework{Code: f.Code, Version: f.Version}, CreatedAt: s.db.Now().UTC().Format(time.RFC3339)}
	for i, g := range figs {
		if g.Suppressed() || g.NoData || g.Respondents < int64(p.K) {
			if i == 0 {
				return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodNoInstansiLevel, p.Name)
			}
			continue // a unit the index hides stays at home
		}
		grp := hub.Group{Code: code, Name: name, Level: hub.LevelInstansi, N: g.Respondents, TasksTotal: g.TasksTotal, TasksDone: g.TasksDone,
			ResponseRate: index.Round1(g.ResponseRate())}
		if g.Unit != nil {
			grp.Code, grp.Name, grp.Level = g.Unit.Code, g.Unit.Name, g.Unit.Level
		}
		grp.Overall, grp.Values = hub.FromResult(g.Result)
		pkg.Groups = append(pkg.Groups, grp)
	}
	// The instansi never sends what a hub would refuse.
	if err := hub.Check(pkg, s.bands); err != nil {
		return nil, err
	}
	// The audit row before the package leaves (export.go): no row, no package.
	if err := s.db.Audit(ctx, actor, "export", "hub_package", strconv.FormatInt(p.ID, 10), map[string]any{"label": label, "groups": len(pkg.Groups)}); err != nil {
		s.log.ErrorContext(ctx, "hub package refused: its audit row could not be written", "period", p.ID, "err", err)
		return nil, errExportNotAudited()
	}
	return pkg, nil
}

// hubKey is the instansi's signing key, made at first use.
func (s *Server) hubKey() (ed25519.PrivateKey, error) {
	if s.hubKeyFile == "" {
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgNoHubSigningKey)
	}
	return hub.LoadOrCreateKey(s.hubKeyFile)
}

// SignedHubPackage makes and signs the package of periodID.
func (s *Server) SignedHubPackage(ctx context.Context, actor budaya.Actor, periodID int64, label string) ([]byte, *hub.Package, error) {
	pkg, err := s.HubPackage(ctx, actor, periodID, label)
	if err != nil {
		return nil, nil, err
	}
	key, err := s.hubKey()
	if err != nil {
		return nil, nil, err
	}
	data, err := hub.Sign(pkg, key)
	return data, pkg, err
}

// HubPublicKey is the public key to register at a hub.
func (s *Server) HubPublicKey() (string, error) {
	key, err := s.hubKey()
	if err != nil {
		return "", err
	}
	return hub.PublicKeyString(key), nil
}

// handleHubPackageDownload sends the signed package of ?period= (the button
// on the index page).
func (s *Server) handleHubPackageDownload(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("period"), 10, 64)
	if err != nil {
		s.renderError(w, r, budaya.Invalid("period", budaya.MsgChoosePeriod))
		return
	}
	data, pkg, err := s.SignedHubPackage(r.Context(), actor(r), id, strings.TrimSpace(r.URL.Query().Get("label")))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", "hub-"+fileSafe(pkg.Instansi.Code+"-"+pkg.Period.Label)+".json"))
	_, _ = w.Write(data)
}

// fileSafe keeps letters, digits, dash and underscore.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}
