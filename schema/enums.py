"""GraphQL enums, generated from the domain taxonomy so both always agree."""

import strawberry

import vocabulary as taxonomy
from auth.roles import Role as _Role

ReporterRole = strawberry.enum(taxonomy.ReporterRole, description="Wie meldt")
ProfessionalField = strawberry.enum(taxonomy.ProfessionalField)
Channel = strawberry.enum(taxonomy.Channel, description="Hoe het signaal binnenkwam")
Domain = strawberry.enum(taxonomy.Domain, description="Wet of beleidsdomein")
ProblemType = strawberry.enum(taxonomy.ProblemType)
UrgencyFlag = strawberry.enum(taxonomy.UrgencyFlag)
OnBehalfRelation = strawberry.enum(taxonomy.OnBehalfRelation)
SolutionLevel = strawberry.enum(taxonomy.SolutionLevel)
ReportStatus = strawberry.enum(taxonomy.ReportStatus)
ThemeStatus = strawberry.enum(taxonomy.ThemeStatus)
Addressee = strawberry.enum(taxonomy.Addressee)
ReferralStatus = strawberry.enum(taxonomy.ReferralStatus)
FormalRoute = strawberry.enum(taxonomy.FormalRoute)
MessageDirection = strawberry.enum(taxonomy.MessageDirection)
MessageAuthor = strawberry.enum(taxonomy.MessageAuthor)
ViewerRole = strawberry.enum(_Role, name="ViewerRole")
