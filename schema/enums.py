"""GraphQL enums, generated from the domain vocabulary so both always agree.

`strawberry.enum` registers the vocabulary's enum class and returns that same class; type
checkers are told so directly, since they cannot see through the call.
"""

from typing import TYPE_CHECKING

import strawberry

import vocabulary
from auth.roles import Role as _Role

if TYPE_CHECKING:
    from auth.roles import Role as ViewerRole
    from vocabulary import (
        AbonnementStatus,
        Addressee,
        BottleneckLevel,
        Channel,
        DeliveryStatus,
        Domain,
        FormalRoute,
        MessageAuthor,
        MessageDirection,
        NoteSubject,
        OnBehalfRelation,
        PlayingFieldElement,
        ProblemType,
        ProfessionalField,
        ReferralStatus,
        ReporterRole,
        ReportStatus,
        Satisfaction,
        SolutionLevel,
        ThemeStatus,
        Understood,
        UrgencyFlag,
        WouldReportAgain,
    )
else:
    ReporterRole = strawberry.enum(vocabulary.ReporterRole, description="Wie meldt")
    ProfessionalField = strawberry.enum(vocabulary.ProfessionalField)
    Channel = strawberry.enum(vocabulary.Channel, description="Hoe het signaal binnenkwam")
    Domain = strawberry.enum(vocabulary.Domain, description="Wet of beleidsdomein")
    ProblemType = strawberry.enum(vocabulary.ProblemType)
    UrgencyFlag = strawberry.enum(vocabulary.UrgencyFlag)
    OnBehalfRelation = strawberry.enum(vocabulary.OnBehalfRelation)
    SolutionLevel = strawberry.enum(vocabulary.SolutionLevel)
    ReportStatus = strawberry.enum(vocabulary.ReportStatus)
    Satisfaction = strawberry.enum(vocabulary.Satisfaction, description="Hoe tevreden")
    Understood = strawberry.enum(
        vocabulary.Understood, description="Begrijpt u wat er met uw signaal is gedaan?"
    )
    WouldReportAgain = strawberry.enum(
        vocabulary.WouldReportAgain, description="Zou u weer een signaal geven?"
    )
    ThemeStatus = strawberry.enum(vocabulary.ThemeStatus)
    Addressee = strawberry.enum(vocabulary.Addressee)
    ReferralStatus = strawberry.enum(vocabulary.ReferralStatus)
    FormalRoute = strawberry.enum(vocabulary.FormalRoute)
    MessageDirection = strawberry.enum(vocabulary.MessageDirection)
    MessageAuthor = strawberry.enum(vocabulary.MessageAuthor)
    NoteSubject = strawberry.enum(vocabulary.NoteSubject, description="Waar een notitie over gaat")
    BottleneckLevel = strawberry.enum(vocabulary.BottleneckLevel, description="Niveau (VNG)")
    PlayingFieldElement = strawberry.enum(
        vocabulary.PlayingFieldElement, description="Element van het speelveld (VNG)"
    )
    AbonnementStatus = strawberry.enum(
        vocabulary.AbonnementStatus, description="Of berichten naar een abonnement gaan"
    )
    DeliveryStatus = strawberry.enum(
        vocabulary.DeliveryStatus, description="Of een webhookbericht aankwam"
    )
    ViewerRole = strawberry.enum(_Role, name="ViewerRole")
