package demo

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Stable demo usernames, listed in README.md: the leader of the first biro of
// the Sekretariat Jenderal, a change agent of that biro, and one of its staff.
const (
	UserPimpinan = "pimpinan"
	UserAgen     = "agen"
	UserPegawai  = "pegawai"
)

// MinEmployees is the smallest demo instansi that still has every kind of unit.
const MinEmployees = 30

// demoOrg is what the organisation step leaves for the steps after it.
type demoOrg struct {
	Units     []*demoUnit
	Employees []demoPerson // in insertion order; index i has id EmployeeIDs[i]
	IDs       []int64
}

type demoUnit struct {
	budaya.Unit
	parent   *demoUnit
	kind     string // how sub-units are named: "biro", "direktorat", "pusat"
	leader   int    // index into demoOrg.Employees, -1 before it is chosen
	weight   int    // share of the staff
	children []*demoUnit
}

type demoPerson struct {
	budaya.Employee
	unit *demoUnit
}

// eselonOne is one eselon I unit of the demo ministry and its eselon II units.
type eselonOne struct {
	code, name, kind string
	second           []string
}

var ministry = []eselonOne{
	{"SJ", "Sekretariat Jenderal", "biro", []string{"Biro Organisasi dan Sumber Daya Manusia", "Biro Perencanaan", "Biro Keuangan dan Barang Milik Negara",
		"Biro Hukum", "Biro Umum dan Pengadaan", "Biro Hubungan Masyarakat", "Pusat Data dan Sistem Informasi"}},
	{"IJ", "Inspektorat Jenderal", "biro", []string{"Sekretariat Inspektorat Jenderal", "Inspektorat I", "Inspektorat II", "Inspektorat III",
		"Inspektorat IV", "Inspektorat Investigasi", "Inspektorat V"}},
	{"DJPP", "Direktorat Jenderal Pelayanan Publik", "direktorat", []string{"Sekretariat Direktorat Jenderal Pelayanan Publik", "Direktorat Standardisasi Pelayanan",
		"Direktorat Inovasi Pelayanan", "Direktorat Pengaduan Masyarakat", "Direktorat Pelayanan Terpadu", "Direktorat Evaluasi Pelayanan", "Direktorat Kemitraan Pelayanan"}},
	{"DJTK", "Direktorat Jenderal Tata Kelola Pemerintahan", "direktorat", []string{"Sekretariat Direktorat Jenderal Tata Kelola Pemerintahan",
		"Direktorat Kelembagaan", "Direktorat Tata Laksana", "Direktorat Akuntabilitas Kinerja", "Direktorat Reformasi Birokrasi",
		"Direktorat Manajemen Risiko", "Direktorat Keterbukaan Informasi"}},
	{"DJPA", "Direktorat Jenderal Pembinaan Aparatur", "direktorat", []string{"Sekretariat Direktorat Jenderal Pembinaan Aparatur",
		"Direktorat Pengembangan Kompetensi", "Direktorat Manajemen Talenta", "Direktorat Kesejahteraan Aparatur", "Direktorat Disiplin dan Etika",
		"Direktorat Budaya Kerja", "Direktorat Sistem Merit"}},
	{"BPSDM", "Badan Pengembangan Sumber Daya Manusia", "pusat", []string{"Sekretariat Badan Pengembangan Sumber Daya Manusia",
		"Pusat Pengembangan Kompetensi Manajerial", "Pusat Pengembangan Kompetensi Teknis", "Pusat Pendidikan dan Pelatihan Kepemimpinan",
		"Pusat Penilaian Kompetensi", "Pusat Pembelajaran Digital", "Pusat Sertifikasi Profesi"}},
	{"BSK", "Badan Strategi Kebijakan", "pusat", []string{"Sekretariat Badan Strategi Kebijakan", "Pusat Strategi Kebijakan Pelayanan Publik",
		"Pusat Strategi Kebijakan Tata Kelola", "Pusat Strategi Kebijakan Aparatur", "Pusat Analisis Data Kebijakan", "Pusat Kajian Regulasi",
		"Pusat Evaluasi Kebijakan"}},
}

var (
	topics3 = []string{"Perencanaan dan Program", "Evaluasi dan Pelaporan", "Tata Usaha", "Standardisasi", "Pengembangan Sistem", "Kerja Sama",
		"Pemantauan", "Informasi dan Dokumentasi"}
	topics4 = []string{"Penyusunan Program", "Anggaran", "Pelaporan", "Data dan Informasi", "Kepegawaian", "Rumah Tangga", "Analisis", "Persuratan"}
	teams   = []string{"Transformasi Digital", "Reformasi Birokrasi", "Budaya Kerja BerAKHLAK", "Zona Integritas", "Manajemen Risiko", "Pengelolaan Pengetahuan"}

	maleNames   = []string{"Agus", "Budi", "Bambang", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Kurniawan", "Lukman", "Muhammad", "Nugroho", "Rudi", "Slamet", "Teguh", "Wahyu", "Yusuf", "Arief", "Dimas", "Gilang", "Hadi", "Iwan", "Rizky", "Taufik", "Andi", "Made", "Putu", "Ketut", "Yohanes"}
	femaleNames = []string{"Siti", "Dewi", "Sri", "Rina", "Ratna", "Indah", "Fitri", "Nur", "Wulan", "Yuliana", "Ayu", "Endang", "Kartika", "Lestari", "Maya", "Novita", "Puspita", "Rahmawati", "Sari", "Tuti", "Dian", "Intan", "Mega", "Ani", "Retno", "Ni Luh", "Anggun", "Citra", "Maria", "Hana"}
	familyNames = []string{"Santoso", "Wijaya", "Saputra", "Hidayat", "Pratama", "Kusuma", "Setiawan", "Gunawan", "Nasution", "Siregar", "Harahap", "Lubis", "Simanjuntak", "Sihombing", "Wibowo", "Susanto", "Purnomo", "Halim", "Rahman", "Hakim", "Syahputra", "Permata", "Pangaribuan", "Tanjung", "Sinaga", "Manurung", "Mahendra", "Prasetyo", "Firmansyah", "Ramadhan", "Sulistyo", "Hutapea"}
	// femaleFamilyNames are second names only women carry.
	femaleFamilyNames = []string{"Maharani", "Handayani", "Utami", "Kurniasih", "Suryani", "Anggraini", "Wulandari", "Pertiwi", "Rahayu", "Puspitasari"}
	bachelor          = []string{"S.E.", "S.H.", "S.Kom.", "S.Sos.", "S.T.", "S.Psi.", "S.I.Kom.", "S.A.P.", "S.Ak.", "S.Stat.", "S.Si."}
	master            = []string{"M.Si.", "M.M.", "M.Kom.", "M.T.", "M.A.P.", "M.Ak.", "M.H.", "M.Psi.", "M.P.A."}
	fungsional        = []string{"Analis Kebijakan", "Perencana", "Analis Sumber Daya Manusia Aparatur", "Pranata Komputer", "Analis Anggaran", "Arsiparis", "Pranata Hubungan Masyarakat", "Analis Hukum", "Pengelola Pengadaan Barang/Jasa", "Statistisi", "Widyaiswara"}
	jenjang           = []string{"Ahli Pertama", "Ahli Muda", "Ahli Madya"}
	pelaksana         = []string{"Penata Layanan Operasional", "Pengadministrasi Perkantoran", "Pengelola Umum Operasional", "Operator Layanan Operasional", "Penelaah Teknis Kebijakan", "Pengolah Data dan Informasi"}
)

// shape is how many sub-units each unit gets at each level, growing with the
// size of the instansi so that units stay a realistic size.
type shape struct{ roots, second, third, fourth, teams int }

func shapeFor(n int) shape {
	s := float64(n) / 400
	clamp := func(v float64, lo, hi int) int {
		r := int(math.Round(v))
		return min(max(r, lo), hi)
	}
	sh := shape{roots: len(ministry), second: clamp(2*math.Pow(s, 0.25), 2, 7), third: clamp(math.Pow(s, 0.3), 1, 5),
		fourth: clamp(math.Pow(s, 0.25), 1, 4), teams: clamp(math.Pow(s, 0.2)*1.2-0.5, 0, 3)}
	// A small instansi has fewer levels, so that every unit keeps some staff.
	for sh.units()*3 > n {
		switch {
		case sh.teams > 0:
			sh.teams--
		case sh.fourth > 0:
			sh.fourth--
		case sh.third > 0:
			sh.third--
		case sh.second > 1:
			sh.second--
		default:
			sh.roots--
		}
	}
	return sh
}

func (s shape) units() int {
	per4 := 1 + s.teams
	per3 := 1 + s.fourth*per4
	per2 := 1 + s.third*per3
	return s.roots * (1 + s.second*per2)
}

// seedOrg builds the ministry: the unit tree, its staff with NIPs and
// supervisors, leaders as pimpinan accounts and change agents as
// agen_perubahan accounts, all in one transaction.
func seedOrg(ctx context.Context, b *builder) error {
	n := b.opt.Employees
	if n < MinEmployees {
		return budaya.Invalid("employees", budaya.MsgDemoInstansiNeedsLeastEmployees, MinEmployees)
	}
	hash, err := b.db.HashPassword(Password)
	if err != nil {
		return err
	}
	org := &demoOrg{}
	roots := planUnits(shapeFor(n))
	var all []*demoUnit
	var walk func(u *demoUnit)
	walk = func(u *demoUnit) {
		all = append(all, u)
		for _, c := range u.children {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	org.Units = all
	g := &personMaker{b: b, nips: map[string]bool{}}
	err = b.db.WriteOrg(ctx, b.actor, func(w *store.OrgWriter) error {
		for _, u := range all {
			if u.parent != nil {
				u.ParentID = u.parent.ID
			}
			created, err := w.CreateUnit(u.Unit)
			if err != nil {
				return fmt.Errorf("unit %s: %w", u.Code, err)
			}
			u.Unit = *created
		}
		progress(b.opt, fmt.Sprintf("demo organisation: %d units", len(all)))
		// Leaders level by level, so that each one's supervisor (the leader above) exists.
		byDepth := map[int][]*demoUnit{}
		maxDepth := 0
		for _, u := range all {
			byDepth[u.Depth] = append(byDepth[u.Depth], u)
			maxDepth = max(maxDepth, u.Depth)
		}
		for d := 0; d <= maxDepth; d++ {
			var batch []demoPerson
			for _, u := range byDepth[d] {
				p := g.leader(u)
				if u.parent != nil {
					p.SupervisorID = org.IDs[u.parent.leader]
				}
				u.leader = len(org.Employees) + len(batch)
				batch = append(batch, p)
			}
			if err := org.add(w, batch); err != nil {
				return err
			}
			for _, u := range byDepth[d] {
				if err := w.SetUnitLeader(u.ID, org.IDs[u.leader]); err != nil {
					return err
				}
			}
		}
		// The other staff, spread over the units by weight, report to their unit's leader.
		staff := n - len(all)
		cum := make([]int, len(all))
		total := 0
		for i, u := range all {
			total += u.weight
			cum[i] = total
		}
		var batch []demoPerson
		report := 20000
		for i := 0; i < staff; i++ {
			k := sort.SearchInts(cum, b.rng.IntN(total)+1)
			u := all[k]
			p := g.staff(u)
			p.SupervisorID = org.IDs[u.leader]
			batch = append(batch, p)
			if len(batch) == 2000 || i == staff-1 {
				if err := org.add(w, batch); err != nil {
					return err
				}
				batch = batch[:0]
				if len(org.Employees) >= report || i == staff-1 {
					progress(b.opt, fmt.Sprintf("demo organisation: %d of %d employees", len(org.Employees), n))
					report += 20000
				}
			}
		}
		return seedOrgAccounts(w, b, org, hash)
	})
	if err != nil {
		return err
	}
	b.org = org
	return nil
}

// add stores a batch of people and records their ids.
func (o *demoOrg) add(w *store.OrgWriter, batch []demoPerson) error {
	es := make([]budaya.Employee, len(batch))
	for i := range batch {
		es[i] = batch[i].Employee
	}
	ids, err := w.CreateEmployees(es)
	if err != nil {
		return err
	}
	for i := range batch {
		batch[i].Employee = es[i]
		batch[i].ID = ids[i]
	}
	o.Employees = append(o.Employees, batch...)
	o.IDs = append(o.IDs, ids...)
	return nil
}

// seedOrgAccounts gives every leader a pimpinan account for their unit and
// each eselon II and III unit a change agent from its staff.
func seedOrgAccounts(w *store.OrgWriter, b *builder, org *demoOrg, hash string) error {
	// Staff per unit, to pick change agents and the stable demo employee.
	staffOf := map[int64][]int{}
	for i, p := range org.Employees {
		if p.unit.leader != i {
			staffOf[p.UnitID] = append(staffOf[p.UnitID], i)
		}
	}
	first := org.Units[1] // the first biro of the Sekretariat Jenderal
	if first.Level != budaya.LevelEselon2 {
		first = org.Units[0]
	}
	account := func(i int, username string, roles ...budaya.RoleGrant) error {
		p := org.Employees[i]
		if username == "" {
			username = budaya.UsernameFor(&p.Employee)
		}
		_, err := w.CreateUser(budaya.UserInput{Username: username, DisplayName: p.FullName(), EmployeeID: p.ID,
			Roles: append([]budaya.RoleGrant{{Role: budaya.RolePegawai}}, roles...)}, hash)
		return err
	}
	for _, u := range org.Units {
		name := ""
		if u == first {
			name = UserPimpinan
		}
		if err := account(u.leader, name, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: u.ID}); err != nil {
			return fmt.Errorf("leader of %s: %w", u.Code, err)
		}
	}
	used := map[int]bool{}
	for _, u := range org.Units {
		if u.Level != budaya.LevelEselon2 && u.Level != budaya.LevelEselon3 {
			continue
		}
		// Change agents come from the staff of the unit or of its sub-units.
		var pool []int
		var gather func(x *demoUnit)
		gather = func(x *demoUnit) {
			pool = append(pool, staffOf[x.ID]...)
			for _, c := range x.children {
				gather(c)
			}
		}
		gather(u)
		var free []int
		for _, i := range pool {
			if !used[i] {
				free = append(free, i)
			}
		}
		if len(free) == 0 {
			continue
		}
		i := free[b.rng.IntN(len(free))]
		used[i] = true
		name := ""
		if u == first {
			name = UserAgen
		}
		if err := account(i, name, budaya.RoleGrant{Role: budaya.RoleAgenPerubahan, UnitID: u.ID}); err != nil {
			return fmt.Errorf("change agent of %s: %w", u.Code, err)
		}
	}
	// One ordinary employee of the first biro (or anywhere) signs in as "pegawai".
	var pool []int
	for _, x := range org.Units {
		if strings.HasPrefix(x.Path, first.Path) {
			pool = append(pool, staffOf[x.ID]...)
		}
	}
	for _, i := range pool {
		if !used[i] {
			return account(i, UserPegawai)
		}
	}
	for i := range org.Employees {
		if !used[i] && org.Employees[i].unit.leader != i {
			return account(i, UserPegawai)
		}
	}
	return nil
}

// planUnits lays out the tree of the ministry for shape s.
func planUnits(s shape) []*demoUnit {
	var roots []*demoUnit
	for _, e1 := range ministry[:s.roots] {
		root := &demoUnit{Unit: budaya.Unit{Code: e1.code, Name: e1.name, Level: budaya.LevelEselon1}, kind: e1.kind, leader: -1, weight: 1}
		roots = append(roots, root)
		for j := 0; j < s.second && j < len(e1.second); j++ {
			name := e1.second[j]
			kind := e1.kind
			switch {
			case strings.HasPrefix(name, "Sekretariat") || strings.HasPrefix(name, "Biro") || strings.HasPrefix(name, "Inspektorat"):
				kind = "biro"
			case strings.HasPrefix(name, "Direktorat"):
				kind = "direktorat"
			case strings.HasPrefix(name, "Pusat"):
				kind = "pusat"
			}
			u2 := root.child(fmt.Sprintf("%s.%02d", e1.code, j+1), name, budaya.LevelEselon2, kind, 2)
			for k := 0; k < s.third; k++ {
				p3, p4 := prefixes(kind)
				u3 := u2.child(fmt.Sprintf("%s.%02d", u2.Code, k+1), p3+" "+topics3[(j+k)%len(topics3)], budaya.LevelEselon3, kind, 3)
				for l := 0; l < s.fourth; l++ {
					u4 := u3.child(fmt.Sprintf("%s.%02d", u3.Code, l+1), p4+" "+topics4[(k+l)%len(topics4)], budaya.LevelEselon4, kind, 5)
					for m := 0; m < s.teams; m++ {
						u4.child(fmt.Sprintf("%s.%02d", u4.Code, m+1), "Tim Kerja "+teams[(j+k+l+m)%len(teams)], budaya.LevelNonstruktural, kind, 7)
					}
				}
			}
		}
	}
	return roots
}

func (u *demoUnit) child(code, name, level, kind string, weight int) *demoUnit {
	c := &demoUnit{Unit: budaya.Unit{Code: code, Name: name, Level: level}, parent: u, kind: kind, leader: -1, weight: weight}
	u.children = append(u.children, c)
	return c
}

// prefixes names the eselon III and IV units below an eselon II unit of kind.
func prefixes(kind string) (string, string) {
	switch kind {
	case "direktorat":
		return "Subdirektorat", "Seksi"
	case "pusat":
		return "Bidang", "Subbidang"
	default:
		return "Bagian", "Subbagian"
	}
}

// leaderTitle is the position of the leader of a unit named name.
func leaderTitle(name string) string {
	for _, r := range []struct{ prefix, title string }{
		{"Sekretariat Jenderal", "Sekretaris Jenderal"},
		{"Sekretariat ", "Sekretaris "},
		{"Inspektorat Jenderal", "Inspektur Jenderal"},
		{"Inspektorat ", "Inspektur "},
		{"Direktorat Jenderal ", "Direktur Jenderal "},
		{"Direktorat ", "Direktur "},
		{"Tim Kerja ", "Ketua Tim Kerja "},
	} {
		if rest, ok := strings.CutPrefix(name, r.prefix); ok {
			return r.title + rest
		}
	}
	return "Kepala " + name
}

// personMaker invents people with Indonesian names, titles and valid, unique NIPs.
type personMaker struct {
	b    *builder
	nips map[string]bool
	seq  int
}

func (g *personMaker) pick(list []string) string { return list[g.b.rng.IntN(len(list))] }

func (g *personMaker) person(u *demoUnit, minAge, maxAge int, educated float64) demoPerson {
	rng := g.b.rng
	female := rng.IntN(2) == 0
	first := g.pick(maleNames)
	gender := 1
	if female {
		first, gender = g.pick(femaleNames), 2
	}
	last := g.pick(familyNames)
	if female && rng.IntN(3) == 0 {
		last = g.pick(femaleFamilyNames)
	}
	name := first + " " + last
	if middle := g.pick(familyNames); rng.IntN(4) == 0 && !strings.Contains(first, " ") && middle != last {
		name = first + " " + middle + " " + last
	}
	p := demoPerson{unit: u}
	p.Name, p.UnitID = name, u.ID
	age := minAge + rng.IntN(maxAge-minAge+1)
	// Titles: most have a bachelor's degree, leaders often a master's or a doctorate.
	switch x := rng.Float64(); {
	case x < educated*0.12:
		p.FrontTitle, p.BackTitle = "Dr.", g.pick(bachelor)+", "+g.pick(master)
	case x < educated*0.55:
		p.BackTitle = g.pick(bachelor) + ", " + g.pick(master)
	case x < 0.85:
		p.BackTitle = g.pick(bachelor)
	case x < 0.9:
		p.BackTitle = "A.Md."
	}
	if p.FrontTitle == "" && age >= 55 && rng.IntN(6) == 0 {
		// Titles of the old system, held by the older staff: Drs./Dra. or Ir., then at most a master's degree.
		p.FrontTitle = map[bool]string{false: "Drs.", true: "Dra."}[female]
		if rng.IntN(3) == 0 {
			p.FrontTitle = "Ir."
		}
		p.BackTitle = ""
		if rng.IntN(2) == 0 {
			p.BackTitle = g.pick(master)
		}
	}
	// NIP: birth date, appointment month (at 22..30 years old, not after 2024), gender, sequence.
	birthYear := 2025 - age
	for {
		month, day := 1+rng.IntN(12), 1+rng.IntN(28)
		startYear := min(birthYear+22+rng.IntN(9), 2024)
		startMonth := 1 + rng.IntN(12)
		nip := fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birthYear, month, day, startYear, startMonth, gender, 1+rng.IntN(999))
		if !g.nips[nip] {
			g.nips[nip] = true
			p.NIP = nip
			break
		}
	}
	p.Email = strings.ToLower(strings.ReplaceAll(first, " ", "")) + "." + p.NIP[14:18] + p.NIP[4:8] + "@kemencontoh.go.id"
	p.Status = budaya.StatusPNS
	return p
}

var leaderRanks = map[string][]string{
	budaya.LevelEselon1:       {"IV/d", "IV/e"},
	budaya.LevelEselon2:       {"IV/c", "IV/d"},
	budaya.LevelEselon3:       {"IV/a", "IV/b"},
	budaya.LevelEselon4:       {"III/c", "III/d"},
	budaya.LevelNonstruktural: {"III/d", "IV/a", "IV/b"},
}

func (g *personMaker) leader(u *demoUnit) demoPerson {
	minAge := map[string]int{budaya.LevelEselon1: 50, budaya.LevelEselon2: 45, budaya.LevelEselon3: 40}[u.Level]
	if minAge == 0 {
		minAge = 33
	}
	p := g.person(u, minAge, min(minAge+10, 58), 1)
	p.Position, p.PositionKind = leaderTitle(u.Name), budaya.PositionStruktural
	if u.Level == budaya.LevelNonstruktural {
		p.PositionKind = budaya.PositionFungsional
	}
	p.Rank = g.pick(leaderRanks[u.Level])
	return p
}

func (g *personMaker) staff(u *demoUnit) demoPerson {
	rng := g.b.rng
	p := g.person(u, 23, 58, 0.4)
	switch x := rng.IntN(100); {
	case x < 5:
		// PPNPN: non-PNS staff with an internal number instead of a NIP.
		g.seq++
		p.OtherID, p.NIP, p.Status, p.Rank = fmt.Sprintf("PPNPN-%06d", g.seq), "", budaya.StatusLainnya, ""
		p.Position, p.PositionKind = g.pick(pelaksana), budaya.PositionPelaksana
		return p
	case x < 20:
		p.Status = budaya.StatusPPPK
		p.Rank = g.pick([]string{"V", "VII", "IX", "X", "XI"})
	default:
		p.Rank = g.pick([]string{"II/c", "II/d", "III/a", "III/a", "III/b", "III/b", "III/c", "III/d", "IV/a"})
	}
	if strings.HasPrefix(u.Code, "IJ.") && u.Level != budaya.LevelEselon2 || rng.IntN(100) < 55 {
		jf := g.pick(fungsional)
		if strings.HasPrefix(u.Code, "IJ") {
			jf = "Auditor"
		}
		p.Position, p.PositionKind = jf+" "+g.pick(jenjang), budaya.PositionFungsional
	} else {
		p.Position, p.PositionKind = g.pick(pelaksana), budaya.PositionPelaksana
	}
	return p
}
