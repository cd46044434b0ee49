package budaya

// Messages of evidence files. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgFileTypeNotAccepted = Msg{
		id: "Jenis berkas %q tidak diterima. Unggah PDF, gambar (PNG, JPG, WebP) atau berkas office (DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, PPT).",
		en: "File type %q is not accepted. Upload a PDF, an image (PNG, JPG, WebP) or an office file (DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, PPT).",
	}
	MsgContentDoesNotMatch = Msg{
		id: "Isi berkas %q tidak sesuai dengan jenisnya (%s). Simpan ulang berkas dalam format yang benar lalu unggah lagi.",
		en: "The content of %q does not match its type (%s). Save the file again in the right format and upload it again.",
	}
	MsgEvidenceFileNotFound = Msg{
		id: "Berkas bukti tidak ditemukan.",
		en: "Evidence file not found.",
	}
	MsgFileTooLargeMB = Msg{
		id: "Berkas %q terlalu besar (%d MB); maksimal %d MB.",
		en: "File %q is too large (%d MB); at most %d MB.",
	}
	MsgExportFormatMustBeCSV = Msg{
		id: "Format ekspor harus csv atau xlsx.",
		en: "The export format must be csv or xlsx.",
	}
	MsgExportFailedNothingSent = Msg{
		id: "Ekspor gagal sebelum berkas terkirim; tidak ada yang diunduh. Coba lagi; jika berulang, hubungi admin.",
		en: "The export failed before the file was sent; nothing was downloaded. Try again; if it happens again, contact an administrator.",
	}
	MsgExportIncomplete = Msg{
		id: "EKSPOR GAGAL: berkas ini terpotong dan tidak lengkap. Jangan gunakan; unduh ulang.",
		en: "EXPORT FAILED: this file was cut off and is incomplete. Do not use it; download it again.",
	}
)
