package budaya

// Messages of reading a request: parameters, JSON bodies, forms. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgNotAllowedDo = Msg{
		id: "Anda tidak berwenang melakukan ini.",
		en: "You are not allowed to do this.",
	}
	MsgIndexPeriodNotBeenComputedYetCompute = Msg{
		id: "Indeks periode ini belum dihitung; hitung dulu agar aturan anonimitas dapat diterapkan.",
		en: "The index of this period has not been computed yet; compute it first so that the anonymity rule can be applied.",
	}
	MsgPeriodStillRunningFigures = Msg{
		id: "Periode %q masih berjalan. Angka dan jawaban anonim tersedia setelah periode ditutup: selama periode berjalan jawaban tetap tersegel agar tidak ada angka yang bergeser oleh satu jawaban.",
		en: "Period %q is still running. Figures and anonymous answers are available after the period closes: while it runs, answers stay sealed so that no figure moves by one answer.",
	}
	Msg360ReportPeriodOpens = Msg{
		id: "Laporan 360 periode %q terbuka setelah periode ditutup. Selama periode masih berjalan, jawaban rekan dan bawahan tetap tersegel agar tidak ada yang dapat mengenali satu jawaban.",
		en: "The 360 report of period %q opens after the period closes. While the period runs, the answers of peers and bawahan stay sealed so that no single answer can be recognised.",
	}
	MsgSendRequestBodyJSON = Msg{
		id: "Kirim isi permintaan sebagai JSON (Content-Type: application/json).",
		en: "Send the request body as JSON (Content-Type: application/json).",
	}
	MsgSendOneJSONObject = Msg{
		id: "Kirim satu objek JSON saja; sesudahnya masih ada data lain.",
		en: "Send one JSON object only; more data follows it.",
	}
	MsgRequestBodyTooLarge = Msg{
		id: "Isi permintaan terlalu besar: paling banyak %d MB JSON per permintaan. Kirim datanya dalam beberapa permintaan yang lebih kecil.",
		en: "The request body is too large: at most %d MB of JSON per request. Send the data in several smaller requests.",
	}
	MsgRequestBodyEmptySend = Msg{
		id: "Isi permintaan kosong: kirim satu objek JSON.",
		en: "The request body is empty: send one JSON object.",
	}
	MsgRequestBodyNotValid = Msg{
		id: "Isi permintaan bukan JSON yang sah (kesalahan pada byte ke-%d).",
		en: "The request body is not valid JSON (error at byte %d).",
	}
	MsgRequestBodyNotValidJSON = Msg{
		id: "Isi permintaan bukan JSON yang sah: JSON-nya terpotong sebelum selesai.",
		en: "The request body is not valid JSON: it ends before the JSON is complete.",
	}
	MsgRequestBodyMustBeOneJSON = Msg{
		id: "Isi permintaan harus satu objek JSON {...}.",
		en: "The request body must be one JSON object {...}.",
	}
	MsgFieldNotKnownJSON = Msg{
		id: "Kolom %q tidak dikenal dalam JSON ini; periksa namanya di /api/v1/openapi.json.",
		en: "The field %q is not known in this JSON; check its name in /api/v1/openapi.json.",
	}
	MsgRequestBodyCouldNotBeRead = Msg{
		id: "Isi permintaan tidak dapat dibaca; kirim ulang.",
		en: "The request body could not be read; send it again.",
	}
	MsgConfirmationDoesNotMatchNew = Msg{
		id: "Konfirmasi kata sandi tidak sama dengan kata sandi baru.",
		en: "The confirmation does not match the new password.",
	}
	MsgCurrentPasswordWrong = Msg{
		id: "Kata sandi saat ini salah.",
		en: "The current password is wrong.",
	}
	MsgSomethingWentWrongServer = Msg{
		id: "Terjadi kesalahan pada server. Coba lagi; jika berulang, hubungi admin.",
		en: "Something went wrong on the server. Try again; if it happens again, contact an administrator.",
	}
	MsgCrossSiteRequestRefused = Msg{
		id: "Permintaan lintas situs ditolak. Buka budaya langsung dari alamatnya lalu ulangi.",
		en: "Cross-site request refused. Open budaya from its own address and try again.",
	}
)
