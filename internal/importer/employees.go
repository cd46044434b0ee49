package importer

import (
	"net/mail"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/budaya-id/budaya/internal/budaya"
)

func statFile(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// employeeRow checks one employee row and keeps it for resolving.
func (c *checker) employeeRow(n int, cols *columns, row []string) {
	var e budaya.EmployeePlan
	sd := empSide{file: c.file, cols: cols}
	e.Row = n
	ok := true
	rawNIP := cols.get(row, fNIP)
	if rawNIP != "" {
		nip, err := parseNIP(rawNIP)
		if err != nil {
			c.issueErr(n, cols.header(fNIP), err, "Perbaiki NIP sesuai data kepegawaian (SIASN); format kolom NIP sebagai Teks agar Excel tidak mengubahnya.",
				"Correct the NIP from the HR records (SIASN); format the NIP column as Text so that Excel does not change it.")
			ok = false
		}
		e.NIP = nip
	}
	e.OtherID = cols.get(row, fOtherID)
	if e.OtherID != "" && (strings.HasPrefix(e.OtherID, "'") || strings.HasPrefix(e.OtherID, "‘")) {
		e.OtherID = strings.TrimSpace(e.OtherID[len(string([]rune(e.OtherID)[0])):])
	}
	if ok && e.NIP == "" && e.OtherID == "" {
		col := cols.header(fNIP)
		if !cols.has(fNIP) {
			col = cols.header(fOtherID)
		}
		c.errorf(n, col, "NIP kosong dan tidak ada ID lain.", "The NIP is empty and there is no other identifier.",
			"Isi NIP 18 angka; untuk pegawai non-ASN isi kolom ID Lain.", "Fill in the 18-digit NIP; for non-ASN staff fill in the ID Lain column.")
		ok = false
	}
	if ok {
		key := e.Key()
		if prev, dup := c.empRowOf[key]; dup {
			col := cols.header(fNIP)
			if e.NIP == "" {
				col = cols.header(fOtherID)
			}
			c.errorf(n, col, "%s ganda: sudah ada di baris %d.", "%s is a duplicate: already on row %d.",
				"Setiap pegawai hanya boleh satu baris; hapus baris ganda atau perbaiki NIP-nya.", "Each employee may have only one row; remove the duplicate or correct its NIP.",
				strings.TrimPrefix(key, "#"), prev)
			ok = false
		} else {
			c.empRowOf[key] = n
		}
	}
	e.Name = cols.get(row, fName)
	if e.Name == "" {
		c.errorf(n, cols.header(fName), "Nama pegawai kosong.", "The employee's name is empty.", "Isi nama pegawai (tanpa gelar).", "Fill in the employee's name (without titles).")
		ok = false
	} else if len(e.Name) > 200 {
		c.errorf(n, cols.header(fName), "Nama lebih dari 200 karakter.", "The name is longer than 200 characters.", "Periksa apakah kolom tergeser.", "Check whether the columns are shifted.")
		ok = false
	}
	e.FrontTitle = cols.get(row, fFrontTitle)
	e.BackTitle = cols.get(row, fBackTitle)
	e.Position = cols.get(row, fPosition)
	e.Rank = normRank(cols.get(row, fRank))
	if raw := cols.get(row, fPositionKind); raw != "" {
		k, known := parsePositionKind(raw)
		if !known {
			c.errorf(n, cols.header(fPositionKind), "Jenis jabatan %q tidak dikenal.", "Position kind %q is not known.",
				"Tulis struktural, fungsional, atau pelaksana.", "Write struktural, fungsional or pelaksana.", raw)
			ok = false
		}
		e.PositionKind = k
	}
	if raw := cols.get(row, fStatus); raw != "" {
		s, known := parseStatus(raw)
		if !known {
			c.errorf(n, cols.header(fStatus), "Status kepegawaian %q tidak dikenal.", "Employment status %q is not known.",
				"Tulis PNS, PPPK, atau lainnya (non-ASN).", "Write PNS, PPPK or lainnya (non-ASN).", raw)
			ok = false
		}
		e.Status = s
	}
	if (e.Status == budaya.StatusPNS || e.Status == budaya.StatusPPPK) && e.NIP == "" && e.OtherID != "" {
		c.errorf(n, cols.header(fNIP), "Pegawai berstatus %s harus memiliki NIP.", "An employee with status %s must have a NIP.",
			"Isi NIP, atau ubah status menjadi \"lainnya\" untuk pegawai non-ASN.", "Fill in the NIP, or set the status to \"lainnya\" for non-ASN staff.", e.Status)
		ok = false
	}
	if e.Rank != "" && !slices.Contains(budaya.Ranks, e.Rank) && !slices.Contains(pppkGrades, e.Rank) {
		c.errorf(n, cols.header(fRank), "Golongan/ruang %q tidak dikenal.", "Rank %q is not known.",
			"Tulis seperti III/c (PNS) atau IX (PPPK).", "Write it like III/c (PNS) or IX (PPPK).", e.Rank)
		ok = false
	}
	for _, l := range []struct {
		f   field
		v   string
		max int
	}{{fOtherID, e.OtherID, 64}, {fFrontTitle, e.FrontTitle, 60}, {fBackTitle, e.BackTitle, 100}, {fPosition, e.Position, 200}} {
		if utf8.RuneCountInString(l.v) > l.max {
			c.errorf(n, cols.header(l.f), "Isi kolom ini lebih dari %d karakter.", "This cell is longer than %d characters.",
				"Perpendek isinya, atau periksa apakah kolom tergeser.", "Shorten it, or check whether the columns are shifted.", l.max)
			ok = false
		}
	}
	e.Email = strings.ToLower(cols.get(row, fEmail))
	if e.Email != "" && !plausibleEmail(e.Email) {
		c.errorf(n, cols.header(fEmail), "Alamat email %q tidak sah.", "The e-mail address %q is not valid.",
			"Tulis alamat seperti nama@instansi.go.id, atau kosongkan.", "Write an address such as name@agency.go.id, or leave it empty.", e.Email)
		ok = false
	}
	e.Active = true
	if raw := cols.get(row, fActive); raw != "" {
		a, known := parseBool(raw)
		if !known {
			c.errorf(n, cols.header(fActive), "Nilai aktif %q tidak dikenal.", "Active value %q is not known.",
				"Tulis ya atau tidak (yes/no); kosong berarti aktif.", "Write ya or tidak (yes/no); empty means active.", raw)
			ok = false
		}
		e.Active = a
	}
	sd.unitRef = strings.ToUpper(cols.get(row, fUnitCode))
	if sd.unitRef == "" {
		sd.unitRef, sd.byName = cols.get(row, fUnitName), true
	}
	if sd.unitRef == "" {
		c.errorf(n, sd.unitCol(), "Unit kerja kosong.", "The unit is empty.", "Isi kode atau nama unit kerja pegawai.", "Fill in the code or name of the employee's unit.")
		ok = false
	}
	sd.supRef = cols.get(row, fSupervisor)
	// A row with an error stays, marked, so that resolveEmployees reports its
	// unit and supervisor problems in the same pass; it is never planned.
	sd.bad = !ok
	c.emps = append(c.emps, e)
	c.side = append(c.side, sd)
}

// parseNIP checks a NIP of a PNS or a NI PPPK and returns it normalised.
func parseNIP(s string) (string, error) {
	n, err := budaya.ParseNIP(s)
	return n.Raw, err
}

// pppkGrades are the golongan of PPPK, I to XVII.
var pppkGrades = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"}

// plausibleEmail checks an address as the employee form does.
func plausibleEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, "@") && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// normRank writes a golongan as "III/c".
func normRank(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, " / ", "/")
	s = strings.ReplaceAll(s, " /", "/")
	s = strings.ReplaceAll(s, "/ ", "/")
	if i := strings.IndexByte(s, '/'); i > 0 && i == len(s)-2 {
		return strings.ToUpper(s[:i]) + "/" + strings.ToLower(s[i+1:])
	}
	return s
}

func parsePositionKind(s string) (string, bool) {
	switch normHeader(s) {
	case "struktural", "structural", "jpt", "jabatanpimpinantinggi", "administrator", "pengawas", "pimpinan":
		return budaya.PositionStruktural, true
	case "fungsional", "functional", "jft", "fungsionaltertentu":
		return budaya.PositionFungsional, true
	case "pelaksana", "jfu", "fungsionalumum", "administrative", "executor", "staff", "staf":
		return budaya.PositionPelaksana, true
	}
	return budaya.PositionPelaksana, false
}

func parseStatus(s string) (string, bool) {
	switch normHeader(s) {
	case "pns", "cpns", "civilservant":
		return budaya.StatusPNS, true
	case "pppk", "p3k", "pppkparuhwaktu":
		return budaya.StatusPPPK, true
	case "lainnya", "other", "nonasn", "honorer", "kontrak", "contract", "ppnpn", "outsourcing":
		return budaya.StatusLainnya, true
	}
	return "", false
}

func parseBool(s string) (bool, bool) {
	switch normHeader(s) {
	case "ya", "y", "yes", "aktif", "active", "1", "true", "benar":
		return true, true
	case "tidak", "t", "no", "n", "nonaktif", "tidakaktif", "inactive", "0", "false", "salah":
		return false, true
	}
	return true, false
}

// resolveUnits checks every unit's parent (in the file or stored), finds
// cycles, and plans the units parents first.
func (c *checker) resolveUnits() {
	parentOf := func(code string) (string, bool) {
		if u, ok := c.fileUnits[code]; ok && u.hasParent {
			return u.parent, true
		}
		if eu, ok := c.unitByCode[code]; ok {
			if p, ok := c.unitByID[eu.ParentID]; ok {
				return strings.ToUpper(p.Code), true
			}
			return "", true
		}
		if _, ok := c.fileUnits[code]; ok {
			return "", true
		}
		return "", false
	}
	bad := map[string]bool{}
	for _, code := range c.unitOrder {
		u := c.fileUnits[code]
		if u.hasParent && u.parent != "" {
			if _, inFile := c.fileUnits[u.parent]; !inFile && c.unitByCode[u.parent] == nil {
				c.fileRowErr(u.file, u.row, "Kode Induk", "Unit induk %s dari unit %s tidak ada, baik di berkas maupun di budaya.",
					"The parent unit %s of unit %s exists neither in the file nor in budaya.",
					"Tambahkan unit induk itu ke berkas unit, atau perbaiki kodenya.", "Add that parent unit to the units file, or correct its code.", u.parent, code)
				bad[code] = true
				continue
			}
		}
		// Walk up: meeting the unit again is a cycle.
		seen := map[string]bool{code: true}
		chain := []string{code}
		cur := code
		for {
			p, known := parentOf(cur)
			if !known || p == "" {
				break
			}
			chain = append(chain, p)
			if seen[p] {
				if p == code {
					c.fileRowErr(u.file, u.row, "Kode Induk", "Induk unit membentuk lingkaran: %s.", "The unit parents form a cycle: %s.",
						"Perbaiki induk salah satu unit di lingkaran itu sehingga ada unit teratas.", "Correct the parent of one unit in that cycle so that there is a top unit.",
						strings.Join(chain, " → "))
					bad[code] = true
				}
				break
			}
			seen[p] = true
			cur = p
		}
	}
	// Order parents before children: by depth in the resulting tree.
	depth := map[string]int{}
	var depthOf func(code string, guard int) int
	depthOf = func(code string, guard int) int {
		if d, ok := depth[code]; ok {
			return d
		}
		p, _ := parentOf(code)
		d := 0
		if p != "" && guard < 64 {
			d = depthOf(p, guard+1) + 1
		}
		depth[code] = d
		return d
	}
	levelOf := func(code string) string {
		if u, ok := c.fileUnits[code]; ok && u.level != "" {
			return u.level
		}
		if eu, ok := c.unitByCode[code]; ok {
			return eu.Level
		}
		return ""
	}
	var plans []budaya.UnitPlan
	for _, code := range c.unitOrder {
		if bad[code] {
			continue
		}
		u := c.fileUnits[code]
		eu := c.unitByCode[code]
		if p, _ := parentOf(code); p != "" && c.unitByCode[p] != nil && c.unitByCode[p].Closed && (eu == nil || u.hasParent) {
			c.fileRowErr(u.file, u.row, "Kode Induk", "Unit induk %s sudah ditutup.", "The parent unit %s is closed.",
				"Pilih unit induk yang masih aktif, atau buka kembali unit itu dulu.", "Choose an open parent unit, or reopen that unit first.", p)
			continue
		}
		if eu != nil && u.hasLevel && u.level != eu.Level {
			if child, cl := c.childNotFitting(code, eu.ID, u.level, parentOf, levelOf); child != "" {
				c.fileRowErr(u.file, u.row, "Eselon", "Unit %s tidak dapat menjadi %s karena unit bawahannya %s (%s) tidak lagi berada di bawah eselon yang lebih tinggi.",
					"Unit %s cannot become %s because its sub-unit %s (%s) would no longer sit under a higher eselon.",
					"Ubah juga eselon unit bawahannya di berkas, atau pertahankan eselon unit ini.", "Change the sub-unit's eselon in the file too, or keep this unit's eselon.",
					code, LevelLabel(u.level), child, LevelLabel(cl))
				continue
			}
		}
		if p, _ := parentOf(code); p != "" && levelOf(code) != "" {
			if pl := levelOf(p); pl != "" && !budaya.LevelFitsUnder(levelOf(code), pl) {
				c.fileRowErr(u.file, u.row, "Eselon", "Unit %s (%s) tidak dapat berada di bawah unit %s (%s).", "Unit %s (%s) cannot sit under unit %s (%s).",
					"Unit struktural harus di bawah eselon yang lebih tinggi; periksa kolom Eselon dan Kode Induk.",
					"A structural unit must sit under a higher eselon; check the Eselon and Kode Induk columns.", code, LevelLabel(levelOf(code)), p, LevelLabel(pl))
				continue
			}
		}
		p := budaya.UnitPlan{Row: u.row, Code: code, Name: u.name, Level: u.level, ParentCode: u.parent}
		if eu != nil {
			p.ID, p.Code = eu.ID, eu.Code
			if !u.hasName {
				p.Name = eu.Name
			}
			if !u.hasLevel {
				p.Level = eu.Level
			}
			if !u.hasParent {
				p.ParentCode, _ = parentOf(code)
			}
			oldParent := ""
			if pu, ok := c.unitByID[eu.ParentID]; ok {
				oldParent = strings.ToUpper(pu.Code)
			}
			if p.Name == eu.Name && p.Level == eu.Level && p.ParentCode == oldParent {
				c.plan.Counts.UnitsUnchanged++
				continue
			}
			p.Op = budaya.OpChange
			c.plan.Counts.UnitsChanged++
		} else {
			p.Op = budaya.OpCreate
			if p.Level == "" {
				p.Level = c.defaultLevel(p.ParentCode)
				c.fileRowWarn(u.file, u.row, "Eselon", "Eselon unit baru %s kosong; dianggap %s.", "The eselon of the new unit %s is empty; taken as %s.",
					"Isi kolom Eselon bila tebakan ini salah.", "Fill in the Eselon column if this guess is wrong.", code, p.Level)
			}
			c.plan.Counts.UnitsCreated++
		}
		plans = append(plans, p)
	}
	sort.SliceStable(plans, func(i, j int) bool { return depthOf(plans[i].Code, 0) < depthOf(plans[j].Code, 0) })
	c.plan.Units = plans
}

// childNotFitting returns a sub-unit of code (stored under id, or put under
// code by the file) whose level would not fit under level.
func (c *checker) childNotFitting(code string, id int64, level string, parentOf func(string) (string, bool), levelOf func(string) string) (string, string) {
	for _, u := range c.snap.Units {
		child := strings.ToUpper(u.Code)
		if u.ParentID != id || u.Closed {
			continue
		}
		if p, _ := parentOf(child); p != code {
			continue // the file moves it elsewhere
		}
		if cl := levelOf(child); !budaya.LevelFitsUnder(cl, level) {
			return child, cl
		}
	}
	for child, u := range c.fileUnits {
		if u.hasParent && u.parent == code && u.level != "" && !budaya.LevelFitsUnder(u.level, level) {
			return child, u.level
		}
	}
	return "", ""
}

// defaultLevel guesses the eselon of a new unit from its parent's: one below.
func (c *checker) defaultLevel(parent string) string {
	if parent == "" {
		return budaya.LevelEselon1
	}
	lvl := ""
	if u, ok := c.fileUnits[parent]; ok && u.level != "" {
		lvl = u.level
	} else if eu, ok := c.unitByCode[parent]; ok {
		lvl = eu.Level
	} else if ok {
		lvl = c.defaultLevel(u.parent)
	}
	for i, l := range budaya.UnitLevels {
		if l == lvl && i+1 < len(budaya.UnitLevels) {
			return budaya.UnitLevels[i+1]
		}
	}
	return budaya.LevelNonstruktural
}

func (c *checker) fileRowErr(file string, row int, col, id, en, fixID, fixEN string, args ...any) {
	saved := c.file
	c.file = file
	c.errorf(row, col, id, en, fixID, fixEN, args...)
	c.file = saved
}

func (c *checker) fileRowWarn(file string, row int, col, id, en, fixID, fixEN string, args ...any) {
	saved := c.file
	c.file = file
	c.warnf(row, col, id, en, fixID, fixEN, args...)
	c.file = saved
}

// resolveEmployees finds each employee's unit and supervisor, rejects
// supervisor cycles, and plans creations and changes.
func (c *checker) resolveEmployees() {
	if len(c.emps) == 0 {
		return
	}
	// Unit names, for files that name the unit instead of giving its code.
	byName := map[string][]string{}
	addName := func(name, code string) {
		k := strings.ToLower(name)
		if !containsStr(byName[k], code) {
			byName[k] = append(byName[k], code)
		}
	}
	for _, u := range c.snap.Units {
		if fu, ok := c.fileUnits[strings.ToUpper(u.Code)]; !ok || !fu.hasName {
			addName(u.Name, strings.ToUpper(u.Code))
		}
	}
	for code, u := range c.fileUnits {
		if u.hasName {
			addName(u.name, code)
		}
	}
	unitCode := func(code string) string { // the stored spelling of a code
		if eu, ok := c.unitByCode[code]; ok {
			return eu.Code
		}
		return code
	}
	// Keys in the resulting organisation: the file's employees and the stored ones.
	inFile := make(map[string]int, len(c.emps))
	for i := range c.emps {
		if !c.side[i].bad {
			inFile[c.emps[i].Key()] = i
		}
	}
	resolveKey := func(ref string) (string, bool) {
		if nip := budaya.NormalizeNIP(ref); nip != "" {
			if _, ok := inFile[nip]; ok {
				return nip, true
			}
			if _, ok := c.empByKey[nip]; ok {
				return nip, true
			}
		}
		other := "#" + strings.TrimPrefix(ref, "'")
		if _, ok := inFile[other]; ok {
			return other, true
		}
		if _, ok := c.empByKey[other]; ok {
			return other, true
		}
		return "", false
	}
	keyOfID := func(id int64) string {
		if e, ok := c.empByID[id]; ok {
			return e.Key()
		}
		return ""
	}
	ok := make([]bool, len(c.emps))
	for i := range c.emps {
		e, sd := &c.emps[i], &c.side[i]
		ok[i] = !sd.bad
		// Existing employee: by NIP, else by the other identifier (not for a
		// row whose identifier is in error).
		var ex *budaya.ExistingEmployee
		if e.NIP != "" && !sd.bad {
			ex = c.empByKey[e.NIP]
		}
		if ex == nil && e.OtherID != "" && !sd.bad {
			ex = c.empByKey["#"+e.OtherID]
		}
		// The other identifier may not belong to someone else already.
		if e.OtherID != "" && !sd.bad {
			if other := c.empByKey["#"+e.OtherID]; other != nil && (ex == nil || other.ID != ex.ID) {
				c.fileRowErr(sd.file, e.Row, sd.cols.header(fOtherID), "ID lain %s sudah dipakai %s (%s).", "The other identifier %s already belongs to %s (%s).",
					"Periksa NIP dan ID lain pada baris ini; satu orang hanya boleh satu baris.", "Check the NIP and other identifier on this row; one person has one row.",
					e.OtherID, other.Name, strings.TrimPrefix(other.Key(), "#"))
				ok[i] = false
			}
		}
		// Unit: a code, else a name.
		ref := sd.unitRef
		if ref == "" {
			// Already reported by employeeRow.
		} else if c.fileUnits[strings.ToUpper(ref)] != nil || c.unitByCode[strings.ToUpper(ref)] != nil {
			e.UnitCode = unitCode(strings.ToUpper(ref))
		} else {
			codes := byName[strings.ToLower(ref)]
			switch len(codes) {
			case 1:
				e.UnitCode = unitCode(codes[0])
			case 0:
				c.fileRowErr(sd.file, e.Row, sd.unitCol(), "Unit %q tidak ada, baik di berkas maupun di budaya.", "Unit %q exists neither in the file nor in budaya.",
					"Impor unit itu dulu (berkas unit), atau perbaiki kode/nama unitnya.", "Import that unit first (units file), or correct the unit's code or name.", ref)
				ok[i] = false
			default:
				sort.Strings(codes)
				c.fileRowErr(sd.file, e.Row, sd.unitCol(), "Nama unit %q dipakai oleh beberapa unit (kode %s).", "The unit name %q belongs to several units (codes %s).",
					"Pakai kolom Kode Unit agar unitnya jelas.", "Use the Kode Unit column so that the unit is clear.", ref, strings.Join(codes, ", "))
				ok[i] = false
			}
		}
		// A closed unit keeps its former staff, inactive; nobody active is in it.
		if eu := c.unitByCode[strings.ToUpper(e.UnitCode)]; e.UnitCode != "" && eu != nil && eu.Closed && e.Active {
			c.fileRowErr(sd.file, e.Row, sd.unitCol(), "Unit %s sudah ditutup.", "Unit %s is closed.",
				"Pindahkan pegawai ke unit yang masih aktif (atau isi Aktif = tidak).", "Put the employee in an open unit (or set Aktif to tidak).", eu.Code)
			ok[i] = false
		}
		// Supervisor.
		switch {
		case sd.cols.has(fSupervisor) && sd.supRef != "":
			k, found := resolveKey(sd.supRef)
			switch {
			case !found:
				if _, perr := budaya.ParseNIP(sd.supRef); perr != nil && strings.ContainsAny(sd.supRef, "eE") && strings.Contains(sd.supRef, "+") {
					saved := c.file
					c.file = sd.file
					c.issueErr(e.Row, "Atasan", perr, "Format kolom NIP Atasan sebagai Teks lalu isi ulang NIP-nya.", "Format the supervisor NIP column as Text and fill the NIPs in again.")
					c.file = saved
				} else {
					c.fileRowErr(sd.file, e.Row, "Atasan", "Atasan %q tidak ada, baik di berkas maupun di budaya.", "Supervisor %q exists neither in the file nor in budaya.",
						"Isi NIP atasan langsung yang benar (atasan juga harus ada di berkas atau sudah diimpor), atau kosongkan.",
						"Fill in the correct NIP of the direct superior (who must be in the file or already imported), or leave it empty.", sd.supRef)
				}
				ok[i] = false
			case k == e.Key() && !sd.bad:
				c.fileRowErr(sd.file, e.Row, "Atasan", "Pegawai tidak boleh menjadi atasan dirinya sendiri.", "An employee cannot be their own supervisor.",
					"Isi NIP atasan langsungnya, atau kosongkan.", "Fill in the NIP of the direct superior, or leave it empty.")
				ok[i] = false
			default:
				e.SupervisorKey = k
			}
		case !sd.cols.has(fSupervisor) && ex != nil:
			e.SupervisorKey = keyOfID(ex.SupervisorID)
		}
		if ex != nil {
			sd.existingID = ex.ID
			if !sd.cols.has(fFrontTitle) {
				e.FrontTitle = ex.FrontTitle
			}
			if !sd.cols.has(fBackTitle) {
				e.BackTitle = ex.BackTitle
			}
			if !sd.cols.has(fPosition) {
				e.Position = ex.Position
			}
			if !sd.cols.has(fPositionKind) {
				e.PositionKind = ex.PositionKind
			}
			if !sd.cols.has(fRank) {
				e.Rank = ex.Rank
			}
			if e.Status == "" {
				e.Status = ex.Status
			}
			if !sd.cols.has(fEmail) {
				e.Email = ex.Email
			}
			if e.OtherID == "" && !sd.cols.has(fOtherID) {
				e.OtherID = ex.OtherID
			}
		}
		if e.PositionKind == "" {
			e.PositionKind = budaya.PositionPelaksana
		}
		if e.Status == "" {
			e.Status = budaya.StatusPNS
			if e.NIP == "" {
				e.Status = budaya.StatusLainnya
			}
		}
	}
	// Supervisor cycles in the resulting organisation.
	supOf := func(key string) string {
		if i, ok := inFile[key]; ok {
			return c.emps[i].SupervisorKey
		}
		if ex, ok := c.empByKey[key]; ok {
			return keyOfID(ex.SupervisorID)
		}
		return ""
	}
	for i := range c.emps {
		if !ok[i] || c.emps[i].SupervisorKey == "" {
			continue
		}
		start := c.emps[i].Key()
		chain := []string{start}
		cur := start
		for steps := 0; steps < 10000; steps++ {
			cur = supOf(cur)
			if cur == "" {
				break
			}
			chain = append(chain, cur)
			if cur == start {
				names := make([]string, len(chain))
				for j, k := range chain {
					names[j] = strings.TrimPrefix(k, "#")
				}
				c.fileRowErr(c.side[i].file, c.emps[i].Row, "Atasan", "Rantai atasan membentuk lingkaran: %s.", "The chain of supervisors forms a cycle: %s.",
					"Perbaiki atasan salah satu pegawai di lingkaran itu.", "Correct the supervisor of one employee in that cycle.", strings.Join(names, " → "))
				ok[i] = false
				break
			}
			if len(chain) > 64 {
				break
			}
		}
	}
	unitCodeOfID := func(id int64) string {
		if u, ok := c.unitByID[id]; ok {
			return u.Code
		}
		return ""
	}
	kept := 0
	for i := range c.emps {
		if !ok[i] {
			continue
		}
		e, sd := &c.emps[i], &c.side[i]
		if sd.existingID == 0 {
			e.Op = budaya.OpCreate
			c.plan.Counts.EmployeesCreated++
			c.emps[kept] = *e
			kept++
			continue
		}
		ex := c.empByID[sd.existingID]
		e.ID = ex.ID
		same := e.NIP == ex.NIP && e.OtherID == ex.OtherID && e.Name == ex.Name && e.FrontTitle == ex.FrontTitle &&
			e.BackTitle == ex.BackTitle && e.Position == ex.Position && e.PositionKind == ex.PositionKind && e.Rank == ex.Rank &&
			e.Status == ex.Status && e.UnitCode == unitCodeOfID(ex.UnitID) && e.SupervisorKey == keyOfID(ex.SupervisorID) &&
			e.Email == ex.Email && e.Active == ex.Active
		if same {
			c.plan.Counts.EmployeesUnchanged++
			continue
		}
		e.Op = budaya.OpChange
		c.plan.Counts.EmployeesChanged++
		c.emps[kept] = *e
		kept++
	}
	// The plan keeps the creations and changes in the same array, without a copy.
	c.plan.Employees = c.emps[:kept]
}

// deactivateMissing plans to deactivate active stored employees that the employee file does not list.
func (c *checker) deactivateMissing() {
	if !c.hasEmpFile {
		return
	}
	listed := make(map[int64]bool, len(c.side))
	for i := range c.side {
		if c.side[i].existingID != 0 {
			listed[c.side[i].existingID] = true
		}
	}
	for i := range c.snap.Employees {
		ex := &c.snap.Employees[i]
		if ex.Active && !listed[ex.ID] {
			if _, inFile := c.empRowOf[ex.Key()]; inFile {
				continue // listed, though its row has an error
			}
			c.plan.Deactivate = append(c.plan.Deactivate, budaya.DeactivatePlan{ID: ex.ID, Key: strings.TrimPrefix(ex.Key(), "#"), Name: ex.Name})
		}
	}
	leads := map[int64]string{}
	for _, u := range c.snap.Units {
		if u.LeaderID != 0 && !u.Closed {
			leads[u.LeaderID] = u.Code
		}
	}
	for _, d := range c.plan.Deactivate {
		if code, ok := leads[d.ID]; ok {
			c.warnf(0, "", "%s (%s) akan dinonaktifkan, padahal memimpin unit %s.", "%s (%s) will be deactivated but leads unit %s.",
				"Setelah impor, tetapkan pimpinan baru untuk unit itu.", "After the import, set a new leader for that unit.", d.Name, d.Key, code)
		}
	}
	c.plan.Counts.EmployeesDeactivate = len(c.plan.Deactivate)
}

// empSide is what checking an employee row needs beside its plan.
type empSide struct {
	file       string
	cols       *columns
	unitRef    string // a unit code, or a name when byName
	byName     bool
	supRef     string
	existingID int64
	bad        bool // the row has an error already: check it, never plan it
}

func (s *empSide) unitCol() string {
	if s.byName {
		return s.cols.header(fUnitName)
	}
	return s.cols.header(fUnitCode)
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
