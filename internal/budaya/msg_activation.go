package budaya

// Messages of activation. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgNoActiveEmployeeWithoutPassword = Msg{
		id: "Tidak ada pegawai aktif tanpa kata sandi di sini: semua sudah dapat masuk. Pilih unit atau periode lain.",
		en: "There is no active employee without a password here: everyone can already sign in. Choose another unit or period.",
	}
	MsgChooseOneUnitOneMeasurement = Msg{
		id: "Pilih satu unit atau satu periode pengukuran, tidak keduanya.",
		en: "Choose one unit or one measurement period, not both.",
	}
	MsgWrongNIPCodeCode = Msg{
		id: "NIP atau kode salah, atau kode sudah dipakai atau kedaluwarsa. Periksa slip Anda; minta slip baru kepada admin bila perlu.",
		en: "Wrong NIP or code, or the code was used already or expired. Check your slip; ask an administrator for a new one if needed.",
	}
	MsgAccountDisabledContactAdministrator = Msg{
		id: "Akun ini dinonaktifkan. Hubungi admin.",
		en: "This account is disabled. Contact an administrator.",
	}
	MsgFileMustEndCSV = Msg{
		id: "Berkas %q harus berakhiran .csv (untuk mail merge) atau .pdf (slip untuk dicetak).",
		en: "The file %q must end in .csv (for a mail merge) or .pdf (slips to print).",
	}
	MsgChooseCSVPDF = Msg{
		id: "Pilih CSV atau PDF.",
		en: "Choose CSV or PDF.",
	}
	MsgChooseUnit = Msg{
		id: "Pilih unitnya.",
		en: "Choose the unit.",
	}
	MsgChoosePeriod = Msg{
		id: "Pilih periodenya.",
		en: "Choose the period.",
	}
	MsgChooseUnitPeriod = Msg{
		id: "Pilih untuk unit atau untuk periode.",
		en: "Choose by unit or by period.",
	}
)
