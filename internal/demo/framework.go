package demo

import (
	"context"

	"github.com/budaya-id/budaya/internal/budaya"
)

// seedFramework publishes version 2 of the framework with instansi values
// mapped onto BerAKHLAK, as Kemendagri stated its own values beside it.
func seedFramework(ctx context.Context, b *builder) error {
	draft, err := b.db.OpenDraft(ctx, b.actor)
	if err != nil {
		return err
	}
	values := []budaya.InstansiValueInput{
		{Code: "JUJUR", Name: "Jujur", NameEN: "Honest", Definition: "Berkata dan bertindak benar, tidak menyalahgunakan kepercayaan",
			DefinitionEN: "Speaks and acts truthfully, never abuses trust", MapsTo: []string{"AK", "LO"}},
		{Code: "MELAYANI", Name: "Melayani", NameEN: "Serving", Definition: "Mengutamakan kepentingan masyarakat yang dilayani",
			DefinitionEN: "Puts the interests of the public served first", MapsTo: []string{"BP", "HA"}},
		{Code: "PROFESIONAL", Name: "Profesional", NameEN: "Professional", Definition: "Bekerja tuntas dengan kompetensi terbaik",
			DefinitionEN: "Works thoroughly with the best competence", MapsTo: []string{"KO", "AK"}},
		{Code: "INOVATIF", Name: "Inovatif", NameEN: "Innovative", Definition: "Terus mencari cara kerja yang lebih baik",
			DefinitionEN: "Keeps looking for better ways of working", MapsTo: []string{"AD", "KL"}},
	}
	for _, v := range values {
		if err := b.db.AddInstansiValue(ctx, b.actor, draft.ID, v); err != nil {
			return err
		}
	}
	return b.db.PublishFramework(ctx, b.actor, draft.ID)
}
