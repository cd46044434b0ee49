package budaya

// Messages of the organisation: units, employees and their import. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgNIPLooksLikeExcel = Msg{
		id: "NIP %q tampak seperti angka ilmiah dari Excel (mis. 1,98E+17); format kolom NIP sebagai Teks lalu ekspor ulang.",
		en: "NIP %q looks like Excel scientific notation (e.g. 1.98E+17); format the NIP column as Text and export again.",
	}
	MsgNIPMustBeDigits = Msg{
		id: "NIP harus 18 angka; %q berisi %d karakter.",
		en: "A NIP must be 18 digits; %q has %d characters.",
	}
	MsgNIPMayHoldOnlyDigits = Msg{
		id: "NIP hanya boleh berisi angka; %q memuat %q.",
		en: "A NIP may hold only digits; %q contains %q.",
	}
	MsgNIPBirthDateFirst = Msg{
		id: "NIP %s: tanggal lahir %s (8 angka pertama, TTTTBBHH) bukan tanggal yang ada.",
		en: "NIP %s: the birth date %s (first 8 digits, YYYYMMDD) is not a real date.",
	}
	MsgNIPAppointmentMonthDigits = Msg{
		id: "NIP %s: bulan pengangkatan %s (angka ke-9 s.d. 14, TTTTBB) bukan bulan yang ada.",
		en: "NIP %s: the appointment month %s (digits 9 to 14, YYYYMM) is not a real month.",
	}
	MsgNIPAppointmentMonthCannotBeBeforeBirth = Msg{
		id: "NIP %s: bulan pengangkatan %s tidak boleh sebelum tanggal lahir %s.",
		en: "NIP %s: the appointment month %s cannot be before the birth date %s.",
	}
	MsgNIPDigitGenderMustBeNot = Msg{
		id: "NIP %s: angka ke-15 (jenis kelamin) harus 1 atau 2, bukan %c.",
		en: "NIP %s: digit 15 (gender) must be 1 or 2, not %c.",
	}
	MsgNIPEndsSequenceNumber = Msg{
		id: "NIP %s berakhir 000, nomor urut yang tidak ada: Excel tampaknya menyimpan NIP sebagai angka dan membulatkan 3 angka terakhirnya. Format kolom NIP sebagai Teks lalu ekspor ulang.",
		en: "NIP %s ends in 000, a sequence number that does not exist: Excel seems to have stored the NIP as a number and rounded its last digits. Format the NIP column as Text and export again.",
	}
	MsgUnitCodeRequired = Msg{
		id: "Kode unit wajib diisi.",
		en: "The unit code is required.",
	}
	MsgUnitCodeMustBeMostCharacters = Msg{
		id: "Kode unit maksimal 32 karakter.",
		en: "The unit code must be at most 32 characters.",
	}
	MsgUnitCodeMayHold = Msg{
		id: "Kode unit %q hanya boleh berisi huruf, angka, titik, garis miring, tanda hubung dan garis bawah.",
		en: "The unit code %q may hold only letters, digits, dot, slash, dash and underscore.",
	}
	MsgUnitNameRequired = Msg{
		id: "Nama unit wajib diisi.",
		en: "The unit name is required.",
	}
	MsgUnitNameMustBeMostCharacters = Msg{
		id: "Nama unit maksimal 200 karakter.",
		en: "The unit name must be at most 200 characters.",
	}
	MsgUnknownUnitLevelChoose = Msg{
		id: "Tingkat unit %q tidak dikenal; pilih eselon1, eselon2, eselon3, eselon4 atau nonstruktural.",
		en: "Unknown unit level %q; choose eselon1, eselon2, eselon3, eselon4 or nonstruktural.",
	}
	MsgEnterNIPDigitsNon = Msg{
		id: "Isi NIP (18 angka) atau, untuk pegawai non-PNS, nomor identitas lain.",
		en: "Enter the NIP (18 digits) or, for non-PNS staff, another identifier.",
	}
	MsgPNSEmployeeMustNIP = Msg{
		id: "Pegawai berstatus PNS wajib memiliki NIP.",
		en: "A PNS employee must have a NIP.",
	}
	MsgOtherIdentifierMustBeMostCharacters = Msg{
		id: "Nomor identitas lain maksimal 64 karakter.",
		en: "The other identifier must be at most 64 characters.",
	}
	MsgEmployeeNameRequired = Msg{
		id: "Nama pegawai wajib diisi.",
		en: "The employee name is required.",
	}
	MsgNameMayMostCharacters = Msg{
		id: "Nama maksimal 200 karakter, gelar depan 60, gelar belakang 100.",
		en: "The name may have at most 200 characters, the front title 60, the back title 100.",
	}
	MsgPositionMustBeMostCharacters = Msg{
		id: "Jabatan maksimal 200 karakter.",
		en: "The position must be at most 200 characters.",
	}
	MsgUnknownPositionKindChoose = Msg{
		id: "Jenis jabatan %q tidak dikenal; pilih struktural, fungsional atau pelaksana.",
		en: "Unknown position kind %q; choose struktural, fungsional or pelaksana.",
	}
	MsgUnknownEmploymentStatusChoose = Msg{
		id: "Status kepegawaian %q tidak dikenal; pilih PNS, PPPK atau lainnya.",
		en: "Unknown employment status %q; choose PNS, PPPK or lainnya.",
	}
	MsgUnknownRankWriteLike = Msg{
		id: "Golongan/ruang %q tidak dikenal; tulis seperti III/c (PNS) atau IX (PPPK).",
		en: "Unknown rank %q; write it like III/c (PNS) or IX (PPPK).",
	}
	MsgMailAddressNotValid = Msg{
		id: "Alamat surel %q tidak valid.",
		en: "The e-mail address %q is not valid.",
	}
	MsgChooseEmployeeUnit = Msg{
		id: "Pilih unit kerja pegawai.",
		en: "Choose the employee's unit.",
	}
	MsgEmployeeCannotBeTheirOwn = Msg{
		id: "Pegawai tidak dapat menjadi atasan langsungnya sendiri.",
		en: "An employee cannot be their own supervisor.",
	}
	MsgNoUnitCode = Msg{
		id: "Tidak ada unit berkode %q.",
		en: "There is no unit with code %q.",
	}
	MsgNoEmployeeNIPIdentifier = Msg{
		id: "Tidak ada pegawai dengan NIP atau nomor identitas %q.",
		en: "There is no employee with NIP or identifier %q.",
	}
	MsgDemoInstansiNeedsLeastEmployees = Msg{
		id: "Instansi demo minimal %d pegawai.",
		en: "The demo instansi needs at least %d employees.",
	}
	MsgInstansiDirectoryKnowsBut = Msg{
		id: "Direktori instansi mengenali Anda (%s), tetapi budaya tidak punya data pegawai dengan identitas itu. Minta admin kepegawaian memasukkan data Anda, lalu coba lagi.",
		en: "The instansi's directory knows you (%s), but budaya has no employee with that identity. Ask the personnel administrator to add your record, then try again.",
	}
	MsgEmployeeRecordBudayaNoLonger = Msg{
		id: "Data kepegawaian Anda di budaya tidak aktif lagi, sehingga Anda tidak dapat masuk. Hubungi admin bila ini keliru.",
		en: "Your employee record in budaya is no longer active, so you cannot sign in. Contact an administrator if this is wrong.",
	}
	MsgUsernameTakenAnotherAccount = Msg{
		id: "Nama pengguna %s sudah dipakai akun lain yang tidak terkait dengan data pegawai Anda. Hubungi admin.",
		en: "The username %s is taken by another account not linked to your employee record. Contact an administrator.",
	}
	MsgUnitClosedChooseOpen = Msg{
		id: "Unit %s %s sudah ditutup; pilih unit yang masih aktif.",
		en: "The unit %s %s is closed; choose an open unit.",
	}
	MsgNIPAlreadyUsed = Msg{
		id: "NIP %s sudah dipakai oleh %s.",
		en: "NIP %s is already used by %s.",
	}
	MsgIdentifierAlreadyUsed = Msg{
		id: "Nomor identitas %s sudah dipakai oleh %s.",
		en: "The identifier %s is already used by %s.",
	}
	MsgSupervisorWouldMakeLoop = Msg{
		id: "Atasan langsung ini membuat lingkaran: pegawai tersebut (atau atasannya) sudah berada di bawah pegawai ini.",
		en: "This supervisor would make a loop: that person (or someone above them) already reports to this employee.",
	}
	MsgSupervisorEmployeeIDDoesNotExist = Msg{
		id: "Atasan langsung (pegawai id %d) tidak ditemukan.",
		en: "The supervisor (employee id %d) does not exist.",
	}
	MsgNIPIdentifierAlreadyUsed = Msg{
		id: "NIP atau nomor identitas sudah dipakai pegawai lain.",
		en: "The NIP or identifier is already used by another employee.",
	}
	MsgImportErrorsNotApplied = Msg{
		id: "Impor memiliki %d kesalahan dan tidak diterapkan; tidak ada yang diubah.",
		en: "The import has %d errors and was not applied; nothing was changed.",
	}
	MsgParentUnitNoLonger = Msg{
		id: "Unit induk %s tidak ada lagi; jalankan uji coba impor sekali lagi.",
		en: "The parent unit %s no longer exists; run the import dry run again.",
	}
	MsgUnitChangedSinceDry = Msg{
		id: "Unit %s berubah sejak uji coba; jalankan uji coba impor sekali lagi.",
		en: "Unit %s changed since the dry run; run the import dry run again.",
	}
	MsgUnitNoLongerExists = Msg{
		id: "Unit %s tidak ada lagi; jalankan uji coba impor sekali lagi.",
		en: "Unit %s no longer exists; run the import dry run again.",
	}
	MsgSupervisorNoLongerExists = Msg{
		id: "Atasan %s tidak ada lagi; jalankan uji coba impor sekali lagi.",
		en: "Supervisor %s no longer exists; run the import dry run again.",
	}
	MsgNIPIdentifierAppearsTwice = Msg{
		id: "NIP atau nomor identitas %s muncul dua kali.",
		en: "The NIP or identifier %s appears twice.",
	}
	MsgSomeNipsIdentifiersAlreadyUsed = Msg{
		id: "Sebagian NIP atau nomor identitas sudah dipakai pegawai lain.",
		en: "Some NIPs or identifiers are already used by other employees.",
	}
	MsgUsernameAlreadyTakenEmployee = Msg{
		id: "Nama pengguna %q sudah dipakai, atau pegawai ini sudah memiliki akun.",
		en: "Username %q is already taken, or this employee already has an account.",
	}
	MsgUnitCodeAlreadyUsed = Msg{
		id: "Kode unit %q sudah dipakai unit lain; pilih kode lain.",
		en: "The unit code %q is already used by another unit; choose another.",
	}
	MsgParentUnitIDDoesNotExist = Msg{
		id: "Unit induk (id %d) tidak ditemukan.",
		en: "The parent unit (id %d) does not exist.",
	}
	MsgParentUnitClosedChoose = Msg{
		id: "Unit induk %s %s sudah ditutup; pilih unit induk yang masih aktif.",
		en: "The parent unit %s %s is closed; choose an open parent.",
	}
	MsgUnitLevelCannotSit = Msg{
		id: "Unit tingkat %s tidak dapat berada di bawah unit tingkat %s (%s %s).",
		en: "A unit of level %s cannot sit below a unit of level %s (%s %s).",
	}
	MsgUnitLeaderEmployeeID = Msg{
		id: "Pimpinan unit (pegawai id %d) tidak ditemukan.",
		en: "The unit leader (employee id %d) does not exist.",
	}
	MsgInactiveEmployeeCannotLead = Msg{
		id: "Pegawai yang tidak aktif tidak dapat menjadi pimpinan unit.",
		en: "An inactive employee cannot lead a unit.",
	}
	MsgLevelDoesNotFit = Msg{
		id: "Tingkat %s tidak cocok: sub-unit %s %s bertingkat %s.",
		en: "Level %s does not fit: the sub-unit %s %s has level %s.",
	}
	MsgUnitClosedCannotBeMoved = Msg{
		id: "Unit %s %s sudah ditutup dan tidak dapat dipindah.",
		en: "The unit %s %s is closed and cannot be moved.",
	}
	MsgUnitCannotBeMoved = Msg{
		id: "Unit %s %s tidak dapat dipindah ke bawah dirinya sendiri atau sub-unitnya (%s %s).",
		en: "The unit %s %s cannot be moved below itself or one of its sub-units (%s %s).",
	}
	MsgUnitCannotBeClosed = Msg{
		id: "Unit %s %s tidak dapat ditutup: masih ada %d pegawai aktif di %s Pindahkan mereka ke unit lain atau nonaktifkan dahulu.",
		en: "The unit %s %s cannot be closed: %d active employees remain in %s Move them to another unit or deactivate them first.",
	}
	MsgUnitNotClosed = Msg{
		id: "Unit %s %s tidak sedang ditutup.",
		en: "The unit %s %s is not closed.",
	}
	MsgParameterMustBeID = Msg{
		id: "Parameter %s harus ID (bilangan bulat positif).",
		en: "The parameter %s must be an ID (a positive whole number).",
	}
	MsgLeaderRoleNotTied = Msg{
		id: "Peran pimpinan Anda belum dikaitkan dengan unit mana pun; hubungi admin.",
		en: "Your leader role is not tied to any unit yet; contact an administrator.",
	}
	MsgUnitParameterMustBeUnit = Msg{
		id: "Parameter unit harus ID unit (bilangan bulat positif).",
		en: "The unit parameter must be a unit ID (a positive whole number).",
	}
	MsgNoUnitID = Msg{
		id: "Unit dengan ID %d tidak ditemukan.",
		en: "There is no unit with ID %d.",
	}
	MsgMaySeeOnlyStaff = Msg{
		id: "Anda hanya dapat melihat pegawai unit yang Anda pimpin.",
		en: "You may see only the staff of the units you lead.",
	}
	MsgEnterCodeEmployeeUnit = Msg{
		id: "Isi kode unit kerja pegawai.",
		en: "Enter the code of the employee's unit.",
	}
	MsgRoleMustBeTiedUnit = Msg{
		id: "Peran %s harus dikaitkan dengan sebuah unit; isi kode unitnya.",
		en: "The role %s must be tied to a unit; enter the unit code.",
	}
	MsgEmployeeNoAccountYetGrant = Msg{
		id: "Pegawai ini belum memiliki akun; beri peran dahulu (mis. pegawai).",
		en: "This employee has no account yet; grant a role first (e.g. pegawai).",
	}
	MsgConfirmationDoesNotMatch = Msg{
		id: "Konfirmasi kata sandi tidak sama.",
		en: "The confirmation does not match the password.",
	}
	MsgChooseCSVXLSXFile = Msg{
		id: "Pilih berkas CSV atau XLSX untuk diimpor.",
		en: "Choose a CSV or XLSX file to import.",
	}
	MsgUploadOverMB = Msg{
		id: "Unggahan melebihi %d MB.",
		en: "The upload is over %d MB.",
	}
	MsgChooseMostTwoFiles = Msg{
		id: "Pilih paling banyak dua berkas: satu berkas unit dan satu berkas pegawai.",
		en: "Choose at most two files: a units file and an employees file.",
	}
	MsgFileMBOverLimit = Msg{
		id: "Berkas %s berukuran %.1f MB, melebihi batas %d MB. Bagi berkas per unit eselon I atau II dan impor satu per satu.",
		en: "The file %s is %.1f MB, over the limit of %d MB. Split it by eselon I or II unit and import the parts one by one.",
	}
	MsgUploadNoLongerExists = Msg{
		id: "Unggahan ini sudah tidak ada (sudah diterapkan atau kedaluwarsa). Unggah berkasnya lagi.",
		en: "This upload no longer exists (it was applied or has expired). Upload the file again.",
	}
)
