"""How the field reads a bottleneck, as versioned reference data.

- The VNG's *Stand van de Uitvoering*: three levels and six elements of the professional's
  playing field.
- The Nationale ombudsman's *Behoorlijkheidswijzer* (2012): four values and 22 norms. It may
  be revised: a new version gets its own entry, and a theme keeps the version it was tagged
  with.
"""

from __future__ import annotations

from enum import StrEnum


class BottleneckLevel(StrEnum):
    PROFESSIONAL = "PROFESSIONAL"  # de individuele professional
    MUNICIPALITY = "MUNICIPALITY"  # de gemeente met lokale en regionale ketenpartners
    NATIONAL = "NATIONAL"  # gemeenten, landelijke partners en het Rijk


class PlayingFieldElement(StrEnum):
    KERNWAARDEN = "KERNWAARDEN"
    INFORMATIE = "INFORMATIE"
    EXPERTISE = "EXPERTISE"
    KADER = "KADER"
    NETWERK = "NETWERK"
    BEVOEGDHEDEN = "BEVOEGDHEDEN"


LEVEL_LABELS_NL = {
    BottleneckLevel.PROFESSIONAL: "De individuele professional",
    BottleneckLevel.MUNICIPALITY: "De gemeente met lokale en regionale ketenpartners",
    BottleneckLevel.NATIONAL: "Landelijk: gemeenten, landelijke partners en het Rijk",
}

BEHOORLIJKHEIDSWIJZER_VERSION = "2012"
# value code -> (value label, {norm number: norm label})
BEHOORLIJKHEIDSWIJZER: dict[str, tuple[str, dict[int, str]]] = {
    "A": ("Open en duidelijk", {1: "Transparant", 2: "Goede informatieverstrekking",
                                3: "Luisteren naar de burger", 4: "Goede motivering"}),
    "B": ("Respectvol", {5: "Respecteren van grondrechten",
                         6: "Bevorderen van actieve deelname door de burger",
                         7: "Fatsoenlijke bejegening", 8: "Fair play", 9: "Evenredigheid",
                         10: "Bijzondere zorg"}),
    "C": ("Betrokken en oplossingsgericht", {11: "Maatwerk", 12: "Samenwerking",
                                             13: "Coulante opstelling", 14: "Voortvarendheid",
                                             15: "De-escalatie"}),
    "D": ("Eerlijk en betrouwbaar", {16: "Integriteit", 17: "Betrouwbaarheid",
                                     18: "Onpartijdigheid", 19: "Redelijkheid",
                                     20: "Goede voorbereiding", 21: "Goede organisatie",
                                     22: "Professionaliteit"}),
}  # fmt: skip
NORMS = {n: (value, label) for value, (_, norms) in BEHOORLIJKHEIDSWIJZER.items()
         for n, label in norms.items()}  # fmt: skip
