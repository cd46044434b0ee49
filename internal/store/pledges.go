package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// PledgePreview is what a leader reads before signing: the text without the
// signature block, the unit and how the signer will be named.
type PledgePreview struct {
	Session     *budaya.AlignmentSession
	Invitee     *budaya.Invitee
	Signer      *budaya.Employee
	Acting      *budaya.Delegation // nil when the invitee signs
	Position    string
	Body        string
	Commitments []budaya.Commitment
	Current     *budaya.Pledge // the pledge in force for the unit, if any
}

// PreparePledge checks that user may sign for unitID in the session and
// returns the text to sign. The checks are repeated when signing.
func (db *DB) PreparePledge(ctx context.Context, sessionID, unitID int64, user *budaya.User, loc *time.Location) (*PledgePreview, error) {
	return db.preparePledge(ctx, sessionID, unitID, user, loc, db.Now())
}

func (db *DB) preparePledge(ctx context.Context, sessionID, unitID int64, user *budaya.User, loc *time.Location, at time.Time) (*PledgePreview, error) {
	if loc == nil {
		loc = time.UTC
	}
	s, err := db.FindAlignmentSession(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if s.Cancelled() {
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.MsgSessionCancelledNoPledge, s.Title)
	}
	inv, err := findInvitee(ctx, db, `i.session_id = ? AND i.unit_id = ?`, sessionID, unitID)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgUnitNotInvitedSession)
	}
	if err != nil {
		return nil, err
	}
	if user == nil || user.EmployeeID == 0 {
		return nil, errNotSigner(inv)
	}
	signer, err := db.FindEmployee(ctx, user.EmployeeID)
	if err != nil {
		return nil, err
	}
	now := at.In(loc)
	p := &PledgePreview{Session: s, Invitee: inv, Signer: signer, Position: signer.Position}
	if signer.ID != inv.EmployeeID {
		p.Acting, err = activeDelegation(ctx, db, inv.UnitID, signer.ID, now)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			p.Acting, err = nil, nil
		}
		if err != nil {
			return nil, err
		}
	}
	if !budaya.MaySignPledge(budaya.NewReader(user, nil), inv, p.Acting, dateOnly(now)) {
		return nil, errNotSigner(inv)
	}
	if p.Acting != nil {
		p.Position = budaya.ActingLabel(p.Acting.Kind) + " " + inv.Position
	}
	f, err := db.FindFramework(ctx, s.FrameworkID)
	if err != nil {
		return nil, err
	}
	p.Commitments, _, err = db.ListCommitments(ctx, budaya.CommitmentFilter{SessionID: sessionID, UnitID: unitID, Scope: budaya.UnitScope{All: true}, PerPage: 500})
	if err != nil {
		return nil, err
	}
	p.Body = pledgeBody(s, inv, signer, p.Position, f, p.Commitments, now)
	if cur, err := db.currentPledge(ctx, db, sessionID, unitID); err == nil {
		p.Current = cur
	} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
		return nil, err
	}
	return p, nil
}

func errNotSigner(inv *budaya.Invitee) error {
	return budaya.Errorf(budaya.EFORBIDDEN,
		budaya.MsgOnlyInvitedPltPlh, inv.Name, inv.UnitName)
}

// pledgeBody renders the template of s for the signer, followed by the unit's commitments.
func pledgeBody(s *budaya.AlignmentSession, inv *budaya.Invitee, signer *budaya.Employee, position string, f *budaya.Framework,
	cs []budaya.Commitment, now time.Time) string {
	var core, own []string
	for _, v := range f.CoreValues() {
		core = append(core, v.Name)
	}
	for _, v := range f.InstansiValues() {
		own = append(own, v.Name)
	}
	values := "BerAKHLAK (" + strings.Join(core, ", ") + ")"
	if len(own) > 0 {
		values += " serta nilai instansi " + strings.Join(own, ", ")
	}
	var b strings.Builder
	b.WriteString(budaya.RenderPledge(s.PledgeTemplate, budaya.PledgeFields{Name: signer.FullName(), Position: position, Unit: inv.UnitName,
		Date: budaya.FormatDateID(now), Values: values}))
	fmt.Fprintf(&b, "\n\nRencana aksi %s:\n", inv.UnitName)
	n := 0
	for _, c := range cs {
		if c.Status == budaya.CommitmentDropped {
			continue
		}
		n++
		fmt.Fprintf(&b, "%d. %s (nilai/perilaku: %s; target: %s; ukuran selesai: %s)\n", n, c.Title, strings.Join(c.Codes, ", "),
			budaya.FormatDateID(c.DueDate), c.Measure)
	}
	if n == 0 {
		b.WriteString("(belum ada rencana aksi yang dicatat)\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// SignPledge signs the pledge of a unit in a session. It refuses a wrong
// password or name, a second signature (a correction must name the pledge it
// supersedes, which must still be current), and anyone but the invitee or the
// official acting for their unit. The exact text, its SHA-256, the time and
// the signer are stored; the row can never change afterwards.
func (db *DB) SignPledge(ctx context.Context, actor budaya.Actor, in budaya.SignInput) (*budaya.Pledge, error) {
	at := in.At
	if at.IsZero() {
		at = db.Now()
	}
	prev, err := db.preparePledge(ctx, in.SessionID, in.UnitID, in.Signer, in.Location, at)
	if err != nil {
		return nil, err
	}
	if err := checkSupersede(prev, in); err != nil {
		return nil, err
	}
	if !budaya.SameName(in.TypedName, prev.Signer) {
		return nil, budaya.Invalid("full_name", budaya.MsgTypedNameDoesNotMatch, prev.Signer.FullName())
	}
	if in.Password == "" {
		return nil, budaya.Invalid("password", budaya.MsgEnterPasswordSign)
	}
	if _, err := db.Authenticate(ctx, in.Signer.Username, in.Password, in.RemoteAddr); err != nil {
		if budaya.ErrorCode(err) == budaya.EUNAUTHORIZED {
			return nil, budaya.Invalid("password", budaya.MsgWrongPasswordPledgeNotSigned)
		}
		return nil, err
	}
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		// Repeat the checks that another request could have changed meanwhile.
		cur, err := db.currentPledge(ctx, tx, in.SessionID, in.UnitID)
		if err != nil && budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return err
		}
		prev.Current = cur
		if err := checkSupersede(prev, in); err != nil {
			return err
		}
		now := at.UTC().Truncate(time.Second)
		p := budaya.Pledge{SessionID: in.SessionID, UnitID: in.UnitID, InviteeID: prev.Invitee.EmployeeID, SignerEmployeeID: prev.Signer.ID,
			SignerUserID: in.Signer.ID, SignerName: prev.Signer.FullName(), SignerNIP: prev.Signer.Identifier(), SignerPosition: prev.Position,
			UnitName: prev.Invitee.UnitName, SignedAt: now, SupersedesID: in.Supersedes, Reason: strings.TrimSpace(in.Reason)}
		var sig strings.Builder
		fmt.Fprintf(&sig, "\n\nDitandatangani secara elektronik oleh %s", p.SignerName)
		if p.SignerNIP != "" {
			fmt.Fprintf(&sig, " (NIP %s)", p.SignerNIP)
		}
		fmt.Fprintf(&sig, ", %s, untuk %s", p.SignerPosition, p.UnitName)
		if prev.Acting != nil {
			p.ActingKind, p.DecreeNumber = prev.Acting.Kind, prev.Acting.DecreeNumber
			fmt.Fprintf(&sig, ", sebagai %s berdasarkan %s, menggantikan %s", budaya.ActingLabel(p.ActingKind), p.DecreeNumber, prev.Invitee.Name)
		}
		fmt.Fprintf(&sig, ", pada %s %s (%s).", budaya.FormatDateID(now.In(loc)), now.In(loc).Format("15:04:05 MST"), now.Format(time.RFC3339))
		if prev.Current != nil {
			fmt.Fprintf(&sig, "\nPakta ini menggantikan pakta SHA-256 %s karena: %s", prev.Current.SHA256, p.Reason)
		}
		p.Text = prev.Body + sig.String()
		p.SHA256 = budaya.PledgeHash(p.Text)
		id, err = tx.insert(ctx, `INSERT INTO pledges (session_id, unit_id, invitee_employee_id, signer_employee_id, signer_user_id, signer_name, signer_nip,
			signer_position, unit_name, acting_kind, decree_number, text, sha256, signed_at, supersedes_id, reason) VALUES (`+placeholders(16)+`)`,
			p.SessionID, p.UnitID, p.InviteeID, p.SignerEmployeeID, p.SignerUserID, p.SignerName, p.SignerNIP, p.SignerPosition, p.UnitName,
			p.ActingKind, p.DecreeNumber, p.Text, p.SHA256, p.SignedAt, nullID(p.SupersedesID), p.Reason)
		if isUniqueViolation(err) {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPledgeUnitJustSigned)
		}
		if err != nil {
			return fmt.Errorf("insert pledge: %w", err)
		}
		if err := tx.audit(ctx, actor, "sign", "pledge", id, nil, map[string]any{"session_id": p.SessionID, "unit_id": p.UnitID,
			"signer_employee_id": p.SignerEmployeeID, "acting": p.ActingKind, "sha256": p.SHA256, "supersedes_id": p.SupersedesID}); err != nil {
			return err
		}
		p.ID = id
		return tx.mailPledgeReceipt(ctx, &p)
	})
	if err != nil {
		return nil, err
	}
	return db.FindPledge(ctx, id)
}

func checkSupersede(prev *PledgePreview, in budaya.SignInput) error {
	if in.Supersedes == 0 {
		if prev.Current != nil {
			return budaya.Errorf(budaya.ECONFLICT,
				budaya.MsgPledgeSessionAlreadySigned,
				prev.Invitee.UnitName, prev.Current.SignerName)
		}
		return nil
	}
	if prev.Current == nil || prev.Current.ID != in.Supersedes {
		return budaya.Errorf(budaya.ECONFLICT,
			budaya.MsgPledgeCorrectAlreadyBeenSuperseded)
	}
	if r := strings.TrimSpace(in.Reason); r == "" || len([]rune(r)) > 500 {
		return budaya.Invalid("reason", budaya.MsgWriteReasonCorrectionMostCharacters)
	}
	return nil
}

const pledgeColumns = `p.id, p.session_id, p.unit_id, p.invitee_employee_id, p.signer_employee_id, p.signer_user_id, p.signer_name, p.signer_nip,
	p.signer_position, p.unit_name, p.acting_kind, p.decree_number, p.text, p.sha256, p.signed_at, COALESCE(p.supersedes_id, 0), p.reason,
	COALESCE(n.id, 0), n.signed_at`

const pledgeFrom = ` FROM pledges p LEFT JOIN pledges n ON n.supersedes_id = p.id `

func scanPledge(row interface{ Scan(...any) error }) (*budaya.Pledge, error) {
	var p budaya.Pledge
	var supAt sql.NullTime
	if err := row.Scan(&p.ID, &p.SessionID, &p.UnitID, &p.InviteeID, &p.SignerEmployeeID, &p.SignerUserID, &p.SignerName, &p.SignerNIP,
		&p.SignerPosition, &p.UnitName, &p.ActingKind, &p.DecreeNumber, &p.Text, &p.SHA256, &p.SignedAt, &p.SupersedesID, &p.Reason,
		&p.SupersededByID, &supAt); err != nil {
		return nil, err
	}
	p.SignedAt = p.SignedAt.UTC()
	if supAt.Valid {
		p.SupersededAt = supAt.Time.UTC()
	}
	return &p, nil
}

func findPledge(ctx context.Context, q rowQuerier, cond string, args ...any) (*budaya.Pledge, error) {
	p, err := scanPledge(q.queryRow(ctx, `SELECT `+pledgeColumns+pledgeFrom+`WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgPledgeNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find pledge: %w", err)
	}
	return p, nil
}

func (db *DB) currentPledge(ctx context.Context, q rowQuerier, sessionID, unitID int64) (*budaya.Pledge, error) {
	return findPledge(ctx, q, `p.session_id = ? AND p.unit_id = ? AND n.id IS NULL`, sessionID, unitID)
}

// FindPledge returns the pledge with id.
func (db *DB) FindPledge(ctx context.Context, id int64) (*budaya.Pledge, error) {
	return findPledge(ctx, db, `p.id = ?`, id)
}

// FindPledgeByHash returns the pledge whose stored SHA-256 is hash (hex, any case).
func (db *DB) FindPledgeByHash(ctx context.Context, hash string) (*budaya.Pledge, error) {
	hash = strings.ToLower(strings.TrimSpace(hash))
	if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return nil, budaya.NotFound(budaya.MsgPledgeNotFound)
	}
	return findPledge(ctx, db, `p.sha256 = ?`, hash)
}

// ListPledges returns a page of pledges in f.Scope, newest first, and how many match.
func (db *DB) ListPledges(ctx context.Context, f budaya.PledgeFilter) ([]budaya.Pledge, int, error) {
	sc, args := scopeCond("u.path", f.Scope)
	where := ` JOIN units u ON u.id = p.unit_id WHERE ` + sc
	if f.SessionID != 0 {
		where, args = where+` AND p.session_id = ?`, append(args, f.SessionID)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+pledgeFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count pledges: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+pledgeColumns+pledgeFrom+where+` ORDER BY p.signed_at DESC, p.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list pledges: %w", err)
	}
	out, err := scanAll(rows, scanPledge)
	return out, total, err
}
