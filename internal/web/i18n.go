package web

import (
	"fmt"
)

// catalogue is a set of UI texts: key -> [0] Bahasa Indonesia, [1] English.
type catalogue map[string][2]string

// messages holds every UI text. Each capability keeps its texts in a
// catalogue of its own file (i18n_<feature>.go) and lists it here. A key used
// in a template but missing here, or a text missing in one language, fails
// TestTranslations.
var messages = mergeCatalogues(
	coreMessages,
	orgMessages,
	roadmapMessages,
	recognitionMessages,
	importMessages,
	jobMessages,
	privacyMessages,
	measureMessages,
	alignmentMessages,
	indexMessages,
	hubMessages,
	mailMessages,
	todoMessages,
	activationMessages,
)

func mergeCatalogues(cs ...catalogue) catalogue {
	out := catalogue{}
	for _, c := range cs {
		for k, v := range c {
			if _, dup := out[k]; dup {
				panic("i18n: duplicate message key " + k)
			}
			out[k] = v
		}
	}
	return out
}

// coreMessages are the texts of the layout, sign-in, framework, audit and profile.
var coreMessages = catalogue{
	"layout.skip":         {"Langsung ke isi", "Skip to content"},
	"layout.nav":          {"Navigasi utama", "Main navigation"},
	"layout.menu":         {"Menu", "Menu"},
	"layout.logout":       {"Keluar", "Sign out"},
	"layout.footer":       {"Program budaya kerja ASN BerAKHLAK", "ASN BerAKHLAK work-culture programme"},
	"nav.home":            {"Beranda", "Home"},
	"nav.framework":       {"Nilai BerAKHLAK", "BerAKHLAK values"},
	"nav.audit":           {"Log audit", "Audit log"},
	"nav.profile":         {"Profil", "Profile"},
	"role.admin":          {"Admin", "Administrator"},
	"role.pimpinan":       {"Pimpinan unit", "Unit leader"},
	"role.agen_perubahan": {"Agen perubahan", "Change agent"},
	"role.pegawai":        {"Pegawai", "Employee"},
	"role.auditor":        {"Auditor", "Auditor"},

	"flash.signed_out":    {"Anda telah keluar.", "You have signed out."},
	"flash.saved":         {"Perubahan disimpan.", "Changes saved."},
	"flash.published":     {"Versi baru diterbitkan dan kini berlaku.", "The new version is published and now in force."},
	"flash.draft":         {"Draf versi baru dibuka. Ubah, lalu terbitkan.", "A new draft version is open. Edit it, then publish."},
	"flash.password":      {"Kata sandi diganti. Masuk lagi dengan kata sandi baru.", "Password changed. Sign in again with the new password."},
	"flash.token_revoked": {"Token dicabut.", "Token revoked."},

	"login.title":         {"Masuk", "Sign in"},
	"login.heading":       {"Masuk ke budaya", "Sign in to budaya"},
	"login.intro":         {"Aplikasi internalisasi nilai dasar ASN BerAKHLAK.", "The application for internalising the ASN core values BerAKHLAK."},
	"login.demo":          {"Mode demo", "Demo mode"},
	"login.demo_user":     {"Pengguna:", "User:"},
	"login.demo_password": {"Kata sandi:", "Password:"},
	"login.username":      {"Nama pengguna", "Username"},
	"login.password":      {"Kata sandi", "Password"},
	"login.missing":       {"Isi nama pengguna dan kata sandi.", "Fill in the username and the password."},
	"login.submit":        {"Masuk", "Sign in"},

	"error.title":   {"Kesalahan", "Error"},
	"error.heading": {"Tidak dapat diproses", "Could not be done"},
	"error.home":    {"Kembali ke beranda", "Back to home"},

	"home.title":          {"Beranda", "Home"},
	"home.welcome":        {"Selamat datang, %s", "Welcome, %s"},
	"home.roles":          {"Peran Anda", "Your roles"},
	"home.values":         {"Nilai dasar ASN", "ASN core values"},
	"home.framework_link": {"Lihat 21 panduan perilaku", "See the 21 behaviour guides"},

	"framework.title":              {"Nilai BerAKHLAK", "BerAKHLAK values"},
	"framework.heading":            {"Kerangka nilai", "Value framework"},
	"framework.version":            {"versi %d", "version %d"},
	"framework.published":          {"terbit", "published"},
	"framework.draft":              {"draf", "draft"},
	"framework.branding":           {"Employer branding", "Employer branding"},
	"framework.frozen_note":        {"Versi terbit dibekukan: periode pengukuran dan hasilnya tetap memakai versi ini.", "A published version is frozen: measurement periods and their results keep this version."},
	"framework.open_draft":         {"Buka draf versi %d", "Open draft version %d"},
	"framework.new_draft":          {"Buat draf versi baru", "Open a new draft version"},
	"framework.core_values":        {"Nilai dasar dan panduan perilaku", "Core values and behaviour guides"},
	"framework.instansi_values":    {"Nilai instansi", "Instansi values"},
	"framework.no_instansi_values": {"Belum ada nilai instansi.", "No instansi values yet."},
	"framework.code":               {"Kode", "Code"},
	"framework.code_hint":          {"2–16 huruf besar atau angka, mis. JUJUR", "2–16 upper-case letters or digits, e.g. JUJUR"},
	"framework.name":               {"Nama", "Name"},
	"framework.name_en":            {"Nama (Inggris)", "Name (English)"},
	"framework.definition":         {"Definisi", "Definition"},
	"framework.definition_en":      {"Definisi (Inggris)", "Definition (English)"},
	"framework.maps_to":            {"Dipetakan ke nilai BerAKHLAK", "Mapped to BerAKHLAK values"},
	"framework.actions":            {"Tindakan", "Actions"},
	"framework.remove":             {"Hapus", "Remove"},
	"framework.remove_confirm":     {"Hapus nilai ini dari draf?", "Remove this value from the draft?"},
	"framework.add_value":          {"Tambah nilai instansi", "Add an instansi value"},
	"framework.add":                {"Tambah", "Add"},
	"framework.save":               {"Simpan", "Save"},
	"framework.publish":            {"Terbitkan versi %d", "Publish version %d"},
	"framework.publish_confirm":    {"Setelah terbit, versi ini tidak dapat diubah lagi. Terbitkan?", "Once published this version can no longer change. Publish?"},
	"framework.versions":           {"Riwayat versi", "Version history"},

	"audit.title":   {"Log audit", "Audit log"},
	"audit.heading": {"Log audit", "Audit log"},
	"audit.intro":   {"Setiap perubahan tercatat: siapa, kapan, apa, nilai lama dan baru, dari alamat mana. Log ini tidak dapat diubah atau dihapus.", "Every change is recorded: who, when, what, old and new values, from which address. The log cannot be edited or deleted."},
	"audit.search":  {"Cari", "Search"},
	"audit.entity":  {"Objek", "Entity"},
	"audit.action":  {"Tindakan", "Action"},
	"audit.from":    {"Dari tanggal", "From date"},
	"audit.to":      {"Sampai tanggal", "To date"},
	"audit.filter":  {"Saring", "Filter"},
	"audit.total":   {"%d entri", "%d entries"},
	"audit.when":    {"Waktu", "When"},
	"audit.who":     {"Oleh", "By"},
	"audit.old":     {"Nilai lama", "Old value"},
	"audit.new":     {"Nilai baru", "New value"},
	"audit.address": {"Alamat", "Address"},
	"audit.export":  {"Unduh hasil saringan", "Download the filtered entries"},
	"audit.none":    {"Tidak ada entri yang cocok.", "No matching entries."},

	"profile.title":            {"Profil", "Profile"},
	"profile.heading":          {"Profil saya", "My profile"},
	"profile.password":         {"Ganti kata sandi", "Change password"},
	"profile.password_rule":    {"Minimal 12 karakter dengan huruf besar, huruf kecil, angka dan simbol, tanpa karakter yang sama tiga kali berturut-turut (Peraturan BSSN 4/2021). Lima kata sandi terakhir tidak boleh dipakai lagi.", "At least 12 characters with upper- and lower-case letters, digits and symbols, and no character three times in a row (BSSN Regulation 4/2021). The last five passwords may not be reused."},
	"profile.current_password": {"Kata sandi saat ini", "Current password"},
	"profile.new_password":     {"Kata sandi baru", "New password"},
	"profile.confirm_password": {"Ulangi kata sandi baru", "Repeat the new password"},
	"profile.change_password":  {"Ganti kata sandi", "Change password"},
	"profile.tokens":           {"Token API pribadi", "Personal API tokens"},
	"profile.tokens_intro":     {"Untuk aplikasi lain yang memakai API /api/v1 atas nama Anda. Kirim sebagai header Authorization: Bearer <token>.", "For other applications that use the /api/v1 API on your behalf. Send it as the header Authorization: Bearer <token>."},
	"profile.token_once":       {"Salin token ini sekarang; token tidak akan ditampilkan lagi.", "Copy this token now; it will not be shown again."},
	"profile.token_name":       {"Nama token", "Token name"},
	"profile.token_create":     {"Buat token", "Create token"},
	"profile.created":          {"Dibuat", "Created"},
	"profile.last_used":        {"Terakhir dipakai", "Last used"},
	"profile.revoke":           {"Cabut", "Revoke"},
	"profile.revoked":          {"Dicabut", "Revoked"},
}

// translate returns the text of key in lang, formatted with args.
func translate(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return "[" + key + "]"
	}
	text := m[0]
	if lang == "en" {
		text = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(text, args...)
	}
	return text
}
