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
# Two more mechanisms, used only by the re-clustering flow (the other flows' themes differ).
JEUGD18 = [
    "Mijn zoon wordt in {month} 18 en dan stopt zijn jeugdhulp. Voor de volwassen-ggz staat hij "
    "op een wachtlijst van {n} weken. Hij valt tussen wal en schip.",
    "Onze pleegdochter werd 18 en de jeugdzorg hield op. De Wmo-begeleiding start pas over {n} "
    "weken. Sinds {month} heeft zij niemand meer.",
    "Als jeugdhulpverlener zie ik dat jongeren bij hun 18e verjaardag hun jeugdhulp verliezen. "
    "Een jongen moet in {month} de groep uit en wacht {n} weken op volwassenenzorg.",
    "Bij 18 jaar stopt de Jeugdwet en mijn dochter met autisme heeft in {month} geen begeleiding "
    "meer. De overgang naar de Wmo duurt {n} weken.",
    "Mijn broer is net 18 geworden. Zijn jeugdhulp is per {month} beëindigd en de gemeente zegt "
    "dat de Wmo-aanvraag {n} weken duurt. Hij zit nu alleen thuis.",
    "De jeugdhulp van mijn zoon eindigt omdat hij 18 wordt in {month}. De volwassenenzorg neemt "
    "hem pas over na {n} weken, terwijl hij nu hulp nodig heeft.",
]
INBURGERING = [
    "Ik ben statushouder en moet inburgeren op B1-niveau. Ik kan nog maar {n} weken taalles "
    "volgen en in {month} moet ik examen doen. Dat haal ik niet.",
    "Mijn cliënt is vluchteling en kreeg een boete omdat hij de inburgering niet op tijd haalde. "
    "Hij volgt sinds {month} taallessen, maar {n} uur per week is te weinig.",
    "De inburgeringstermijn van mijn man loopt in {month} af. Hij is analfabeet en heeft in zijn "
    "land nooit school gehad. Het B1-examen is na {n} maanden les onmogelijk.",
    "Als taalcoach zie ik statushouders die het inburgeringsexamen niet halen en een boete "
    "krijgen. Een vrouw moet in {month} slagen na {n} weken les.",
    "Ik kwam als statushouder naar Nederland. De gemeente zegt dat ik in {month} mijn "
    "inburgering moet afronden. Ik werk {n} uur en heb geen tijd voor taalles.",
    "Mijn zus is statushouder en moet de inburgering halen op B1. Ze heeft een trauma en kan zich "
    "niet concentreren. De termijn eindigt in {month}, ze heeft {n} lessen gehad.",
]
