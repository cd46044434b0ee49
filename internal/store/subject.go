package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Subject names the person a data-subject export is about: their employee
// record and their account (either may be 0).
type Subject struct {
	EmployeeID int64
	UserID     int64
}

// SubjectCollector gathers one kind of data held about a person. Each
// capability that keeps personal data adds its collectors to
// subjectCollectors, so the export stays complete as budaya grows.
type SubjectCollector struct {
	Key     string
	Title   string // Bahasa Indonesia
	TitleEN string
	// Query selects the rows; its ? placeholders are filled by Args. Select
	// no secrets (password and token hashes): the export says they exist.
	Query string
	Args  func(s Subject) []any
	// Needs says which identity the query needs: "employee" or "user".
	Needs string
}

// subjectCollectors lists every collector. Capabilities add theirs here
// (e.g. commitments, feedback given and received, recognition, nominations).
func subjectCollectors() []SubjectCollector {
	emp := func(s Subject) []any { return []any{s.EmployeeID} }
	usr := func(s Subject) []any { return []any{s.UserID} }
	return []SubjectCollector{
		{Key: "employee", Title: "Data kepegawaian", TitleEN: "Employee record", Needs: "employee", Args: emp,
			Query: `SELECT e.id, e.nip, e.other_id, e.name, e.front_title, e.back_title, e.position, e.position_kind, e.rank, e.status,
				u.code AS unit_code, u.name AS unit_name, sup.name AS supervisor_name, e.email, e.active, e.created_at, e.updated_at
				FROM employees e JOIN units u ON u.id = e.unit_id LEFT JOIN employees sup ON sup.id = e.supervisor_id WHERE e.id = ?`},
		{Key: "units_led", Title: "Unit yang dipimpin", TitleEN: "Units led", Needs: "employee", Args: emp,
			Query: `SELECT code, name, level FROM units WHERE leader_employee_id = ? ORDER BY code`},
		{Key: "account", Title: "Akun pengguna", TitleEN: "User account", Needs: "user", Args: usr,
			Query: `SELECT id, username, display_name, disabled, password_changed_at, failed_logins, locked_until, created_at, updated_at
				FROM app_users WHERE id = ?`},
		{Key: "roles", Title: "Peran", TitleEN: "Roles", Needs: "user", Args: usr,
			Query: `SELECT r.role, u.code AS unit_code, u.name AS unit_name FROM user_roles r LEFT JOIN units u ON u.id = r.unit_id WHERE r.user_id = ? ORDER BY r.role`},
		{Key: "sessions", Title: "Sesi masuk", TitleEN: "Sign-in sessions", Needs: "user", Args: usr,
			Query: `SELECT id, created_at, last_seen_at, remote_addr, user_agent FROM sessions WHERE user_id = ? ORDER BY id`},
		{Key: "api_tokens", Title: "Token API", TitleEN: "API tokens", Needs: "user", Args: usr,
			Query: `SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id`},
		{Key: "password_history", Title: "Riwayat kata sandi (hanya tanggal; sandi disimpan sebagai hash)", TitleEN: "Password history (dates only; passwords are kept as hashes)", Needs: "user", Args: usr,
			Query: `SELECT created_at FROM password_history WHERE user_id = ? ORDER BY id`},
		{Key: "evidence", Title: "Bukti dukung yang diunggah", TitleEN: "Evidence files uploaded", Needs: "user", Args: usr,
			Query: `SELECT id, filename, content_type, size_bytes, sha256, scope, created_at FROM evidence_files WHERE uploaded_by = ? ORDER BY id`},
		{Key: "subject_requests", Title: "Permintaan subjek data", TitleEN: "Data-subject requests", Needs: "employee", Args: emp,
			Query: `SELECT id, kind, detail, received_at, due_at, answered_at, answer FROM subject_requests WHERE employee_id = ? ORDER BY id`},
		{Key: "restrictions", Title: "Pembatasan pemrosesan", TitleEN: "Processing restrictions", Needs: "employee", Args: emp,
			Query: `SELECT id, reason, restricted_at, lifted_at FROM processing_restrictions WHERE employee_id = ? ORDER BY id`},
		{Key: "recognitions_received", Title: "Apresiasi yang Anda terima", TitleEN: "Recognitions you received", Needs: "employee", Args: emp,
			Query: `SELECT r.created_at, s.name AS sender_name, r.message, r.visibility FROM recognitions r JOIN employees s ON s.id = r.sender_employee_id
				WHERE r.recipient_employee_id = ? ORDER BY r.id`},
		{Key: "recognitions_given", Title: "Apresiasi yang Anda berikan", TitleEN: "Recognitions you gave", Needs: "employee", Args: emp,
			Query: `SELECT r.created_at, p.name AS recipient_name, r.message, r.visibility FROM recognitions r JOIN employees p ON p.id = r.recipient_employee_id
				WHERE r.sender_employee_id = ? ORDER BY r.id`},
		// 360 answers of the attributed groups only: the self assessment and
		// the atasan's, given and received. Peer and bawahan answers hold no
		// rater and cannot be found for anyone.
		{Key: "ratings360_self", Title: "Penilaian 360: penilaian diri Anda", TitleEN: "360 assessment: your self assessment", Needs: "employee", Args: emp,
			Query: `SELECT p.name AS period_name, a.behaviour_code, a.score, a.comment FROM measurement_answers a JOIN measurement_periods p ON p.id = a.period_id
				WHERE a.rater_group = 'self' AND a.rater_employee_id = ? ORDER BY p.id, a.behaviour_code`},
		{Key: "ratings360_by_atasan", Title: "Penilaian 360 dari atasan Anda", TitleEN: "360 ratings from your atasan", Needs: "employee", Args: emp,
			Query: `SELECT p.name AS period_name, r.name AS rater_name, a.behaviour_code, a.score, a.comment FROM measurement_answers a
				JOIN measurement_periods p ON p.id = a.period_id LEFT JOIN employees r ON r.id = a.rater_employee_id
				WHERE a.rater_group = 'atasan' AND a.ratee_employee_id = ? ORDER BY p.id, a.behaviour_code`},
		{Key: "ratings360_as_atasan", Title: "Penilaian 360 yang Anda berikan sebagai atasan", TitleEN: "360 ratings you gave as atasan", Needs: "employee", Args: emp,
			Query: `SELECT p.name AS period_name, e.name AS ratee_name, a.behaviour_code, a.score, a.comment FROM measurement_answers a
				JOIN measurement_periods p ON p.id = a.period_id LEFT JOIN employees e ON e.id = a.ratee_employee_id
				WHERE a.rater_group = 'atasan' AND a.rater_employee_id = ? ORDER BY p.id, e.name, a.behaviour_code`},
		{Key: "perilaku_ratings", Title: "Penilaian perilaku kerja dan predikat kinerja Anda", TitleEN: "Your work behaviour ratings and performance predikat", Needs: "employee", Args: emp,
			Query: `SELECT r.year, r.term, r.perilaku, r.hasil_kerja, r.predikat, ev.name AS evaluator_name, r.updated_at FROM perilaku_ratings r
				LEFT JOIN employees ev ON ev.id = r.evaluator_employee_id WHERE r.employee_id = ? ORDER BY r.year, r.term`},
		{Key: "perilaku_expectations", Title: "Ekspektasi khusus pimpinan dan umpan balik untuk Anda", TitleEN: "Leader's specific expectations and feedback for you", Needs: "employee", Args: emp,
			Query: `SELECT x.year, x.term, x.value_code, x.expectation, x.feedback, ev.name AS evaluator_name, x.updated_at FROM perilaku_expectations x
				LEFT JOIN employees ev ON ev.id = x.evaluator_employee_id WHERE x.employee_id = ? ORDER BY x.year, x.term, x.value_code`},
		{Key: "perilaku_given", Title: "Penilaian perilaku kerja yang Anda berikan", TitleEN: "Work behaviour ratings you gave", Needs: "employee", Args: emp,
			Query: `SELECT r.year, r.term, e.name AS ratee_name, r.perilaku, r.hasil_kerja, r.predikat, r.updated_at FROM perilaku_ratings r
				JOIN employees e ON e.id = r.employee_id WHERE r.evaluator_employee_id = ? ORDER BY r.year, r.term, e.name`},
		// Who nominated the person is the nominator's data, not theirs: the
		// nomination is shown without that name.
		{Key: "nominations_received", Title: "Nominasi untuk Anda", TitleEN: "Nominations of you", Needs: "employee", Args: emp,
			Query: `SELECT n.created_at, r.title AS round_title, n.reason FROM nominations n JOIN nomination_rounds r ON r.id = n.round_id
				WHERE n.nominee_employee_id = ? ORDER BY n.id`},
		{Key: "nominations_given", Title: "Nominasi yang Anda ajukan", TitleEN: "Nominations you made", Needs: "employee", Args: emp,
			Query: `SELECT n.created_at, r.title AS round_title, e.name AS nominee_name, n.reason FROM nominations n JOIN nomination_rounds r ON r.id = n.round_id
				JOIN employees e ON e.id = n.nominee_employee_id WHERE n.nominator_employee_id = ? ORDER BY n.id`},
		{Key: "nomination_wins", Title: "Penghargaan yang Anda terima", TitleEN: "Awards you received", Needs: "employee", Args: emp,
			Query: `SELECT r.title AS round_title, w.rank AS award_rank, w.total, w.certificate_no FROM nomination_winners w JOIN nomination_rounds r ON r.id = w.round_id
				WHERE w.nominee_employee_id = ? ORDER BY r.id`},
		{Key: "committee_scores", Title: "Skor yang Anda berikan sebagai panitia", TitleEN: "Scores you gave as a committee member", Needs: "user", Args: usr,
			Query: `SELECT r.title AS round_title, e.name AS nominee_name, c.name AS criterion, s.score, s.updated_at FROM nomination_scores s
				JOIN nomination_rounds r ON r.id = s.round_id JOIN employees e ON e.id = s.nominee_employee_id
				JOIN nomination_criteria c ON c.id = s.criterion_id WHERE s.user_id = ? ORDER BY r.id, e.name, c.id`},
		{Key: "pledges", Title: "Pakta komitmen yang Anda tandatangani", TitleEN: "Pledges you signed", Needs: "employee", Args: emp,
			Query: `SELECT p.signed_at, s.title AS session_title, p.unit_name, p.signer_position, p.sha256 FROM pledges p
				JOIN alignment_sessions s ON s.id = p.session_id WHERE p.signer_employee_id = ? ORDER BY p.id`},
		{Key: "alignment_attendance", Title: "Undangan dan kehadiran sesi penyelarasan", TitleEN: "Alignment session invitations and attendance", Needs: "employee", Args: emp,
			Query: `SELECT s.title AS session_title, s.starts_at, i.invited_at, i.checked_in_at FROM alignment_invitees i
				JOIN alignment_sessions s ON s.id = i.session_id WHERE i.employee_id = ? ORDER BY s.starts_at`},
		{Key: "change_agent", Title: "Penugasan sebagai agen perubahan", TitleEN: "Appointments as change agent", Needs: "employee", Args: emp,
			Query: `SELECT u.name AS unit_name, a.decree_number, a.starts_on, a.ends_on, a.ended_at FROM change_agents a JOIN units u ON u.id = a.unit_id
				WHERE a.employee_id = ? ORDER BY a.id`},
		{Key: "change_agent_actions", Title: "Kegiatan yang Anda catat sebagai agen perubahan", TitleEN: "Activities you recorded as change agent", Needs: "employee", Args: emp,
			Query: `SELECT x.done_on, x.description, x.created_at FROM agent_actions x JOIN change_agents a ON a.id = x.agent_id
				WHERE a.employee_id = ? ORDER BY x.id`},
		{Key: "change_agent_reports", Title: "Laporan bulanan Anda sebagai agen perubahan", TitleEN: "Your monthly reports as change agent", Needs: "employee", Args: emp,
			Query: `SELECT u.name AS unit_name, r.month, r.version, r.summary, r.status, r.submitted_at, r.decided_at, r.comment FROM agent_reports r
				JOIN change_agents a ON a.id = r.agent_id JOIN units u ON u.id = a.unit_id WHERE a.employee_id = ? ORDER BY r.month, r.version`},
		// The leader's own words about an agent's report: the decision and the
		// comment, with the unit, not the agent's name or summary.
		{Key: "agent_reports_decided", Title: "Laporan agen perubahan yang Anda putuskan", TitleEN: "Change-agent reports you decided", Needs: "user", Args: usr,
			Query: `SELECT u.name AS unit_name, r.month, r.version, r.status, r.decided_at, r.comment FROM agent_reports r
				JOIN change_agents a ON a.id = r.agent_id JOIN units u ON u.id = a.unit_id WHERE r.decided_by = ? ORDER BY r.decided_at, r.id`},
	}
}

// SubjectSection is the data one collector found.
type SubjectSection struct {
	Key     string           `json:"key"`
	Title   string           `json:"title"`
	TitleEN string           `json:"title_en"`
	Columns []string         `json:"columns"`
	Rows    []map[string]any `json:"rows"`
}

// SubjectExport is everything budaya holds about a person, and its processing
// history from the audit log.
type SubjectExport struct {
	GeneratedAt time.Time           `json:"generated_at"`
	Subject     Subject             `json:"subject"`
	Sections    []SubjectSection    `json:"sections"`
	History     []budaya.AuditEntry `json:"processing_history"`
	// HistoryTruncated is set when the history had more entries than the export holds.
	HistoryTruncated bool `json:"processing_history_truncated,omitempty"`
}

// SubjectHistoryLimit bounds the processing history in one export.
const SubjectHistoryLimit = 20000

// SubjectData collects what budaya holds about s. Answers to anonymous
// surveys and peer/subordinate 360 ratings are not among it: they are stored
// without any link to who gave them, so they cannot be found for anyone.
func (db *DB) SubjectData(ctx context.Context, s Subject) (*SubjectExport, error) {
	out := &SubjectExport{GeneratedAt: db.Now(), Subject: s}
	for _, c := range subjectCollectors() {
		if (c.Needs == "employee" && s.EmployeeID == 0) || (c.Needs == "user" && s.UserID == 0) {
			continue
		}
		sec, err := db.collect(ctx, c, s)
		if err != nil {
			return nil, fmt.Errorf("collect %s: %w", c.Key, err)
		}
		out.Sections = append(out.Sections, sec)
	}
	// One indexed read per condition, joined by id: a single WHERE with OR
	// and ORDER BY id made both engines walk the whole audit log by id.
	var parts []string
	var args []any
	if s.UserID != 0 {
		parts = append(parts, `SELECT id FROM audit_log WHERE actor_id = ?`, `SELECT id FROM audit_log WHERE entity = 'user' AND entity_id = ?`)
		args = append(args, s.UserID, strconv.FormatInt(s.UserID, 10))
	}
	if s.EmployeeID != 0 {
		parts = append(parts, `SELECT id FROM audit_log WHERE entity = 'employee' AND entity_id = ?`)
		args = append(args, strconv.FormatInt(s.EmployeeID, 10))
	}
	if len(parts) == 0 {
		return out, nil
	}
	rows, err := db.query(ctx, `SELECT a.id, a.at, COALESCE(a.actor_id, 0), a.actor_name, a.action, a.entity, a.entity_id, a.old_value, a.new_value, a.remote_addr
		FROM (`+strings.Join(parts, " UNION ")+`) x JOIN audit_log a ON a.id = x.id ORDER BY a.id LIMIT ?`, append(args, SubjectHistoryLimit+1)...)
	if err != nil {
		return nil, fmt.Errorf("processing history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e budaya.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID, &e.OldValue, &e.NewValue, &e.RemoteAddr); err != nil {
			return nil, err
		}
		if len(out.History) == SubjectHistoryLimit {
			out.HistoryTruncated = true
			break
		}
		out.History = append(out.History, e)
	}
	return out, rows.Err()
}

func (db *DB) collect(ctx context.Context, c SubjectCollector, s Subject) (SubjectSection, error) {
	sec := SubjectSection{Key: c.Key, Title: c.Title, TitleEN: c.TitleEN, Rows: []map[string]any{}}
	rows, err := db.query(ctx, c.Query, c.Args(s)...)
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	if sec.Columns, err = rows.Columns(); err != nil {
		return sec, err
	}
	vals := make([]any, len(sec.Columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() && len(sec.Rows) < 10000 {
		if err := rows.Scan(ptrs...); err != nil {
			return sec, err
		}
		row := map[string]any{}
		for i, col := range sec.Columns {
			row[col] = portable(vals[i])
		}
		sec.Rows = append(sec.Rows, row)
	}
	return sec, rows.Err()
}
