"""Report texts more than one test tier uses: two mechanisms, six cases each."""

PGB = [
    "De SVB heeft mijn zorgverlener al drie maanden niet betaald uit mijn pgb. Ze zeggen dat de "
    "zorgovereenkomst niet is goedgekeurd, maar die stuurde ik in {month} op. Ik schiet nu {n} euro voor.",
    "Mijn moeder heeft een pgb en de SVB betaalt haar hulp niet uit door een administratieve fout. "
    "De hulp stopt per {month} als er niets gebeurt. Het gaat om {n} euro achterstand.",
    "Als budgethouder moet ik {n} euro voorschieten omdat de SVB de declaraties van mijn "
    "zorgverlener sinds {month} laat liggen. Niemand bij de SVB kan zeggen wanneer het betaald wordt.",
    "De SVB keurde de zorgovereenkomst van onze pgb-hulp af vanwege een ontbrekende handtekening. "
    "Sinds {month} krijgt zij niets betaald, inmiddels {n} euro, en ze wil stoppen.",
    "Onze zoon heeft een pgb voor begeleiding. De SVB betaalt de begeleider al sinds {month} te laat "
    "en nu is er {n} euro achterstand. De begeleider overweegt te stoppen.",
    "Ik beheer het pgb van mijn vader. De SVB heeft de uitbetaling aan zijn zorgverlener in {month} "
    "stopgezet door een fout in hun systeem. Wij hebben {n} euro zelf betaald.",
]
KOSTENDELER = [
    "Mijn zoon van {n} woont weer thuis na zijn studie. Door de kostendelersnorm gaat mijn bijstand "
    "omlaag vanaf {month}. Nu moet hij eigenlijk het huis uit.",
    "Ik wil mijn zus opvangen na haar scheiding, maar dan verlaagt de gemeente mijn uitkering door "
    "de kostendelersnorm. Zij is {n} en heeft nergens anders plek sinds {month}.",
    "Door de kostendelersnorm krijg ik minder bijstand omdat mijn dochter van {n} bij mij woont. "
    "Zij verdient zelf bijna niets. Sinds {month} komen we niet meer rond.",
    "Mijn neef van {n} sliep bij ons omdat hij dakloos was. De gemeente paste in {month} de "
    "kostendelersnorm toe en verlaagde onze uitkering. Nu durven we niemand meer op te vangen.",
    "Als klantmanager zie ik dat de kostendelersnorm gezinnen uit elkaar drijft: een moeder verloor "
    "in {month} een deel van haar bijstand omdat haar zoon van {n} thuis woont.",
    "Mijn AOW ging omlaag door de kostendelersnorm toen mijn kleinzoon van {n} bij mij kwam wonen "
    "in {month}. Hij zorgt voor mij, maar dat wordt zo gestraft.",
]
