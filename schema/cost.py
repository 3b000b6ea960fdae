"""The cost of an operation, estimated before it runs, and the rule that refuses the costly.

Cost counts the objects an operation can return: a page (`…Connection`) multiplies what is
inside it by its `first` (the default page when absent, the largest page when it is a
variable, since validation does not see variable values), a plain list of objects by
`LIST_ESTIMATE`, a single object by one. Scalars cost nothing. Fragments are followed once per
spread; a fragment that spreads itself is left to graphql-core's own cycle rule.

`reports(first: 100) { nodes { duplicates(first: 100) { nodes { duplicates(first: 100) {
nodes { id } } } } } }` costs 100 + 100·100 + 100·100·100: refused before a row is read.
"""

from __future__ import annotations

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
)

from schema.pagination import DEFAULT_PAGE, MAX_PAGE

LIST_ESTIMATE = 10


def _is_list(output: GraphQLOutputType) -> bool:
    while isinstance(output, GraphQLNonNull):
        output = output.of_type
    return isinstance(output, GraphQLList)


def _page_size(node: FieldNode) -> int:
    for argument in node.arguments or ():
        if argument.name.value != "first":
            continue
        if isinstance(argument.value, IntValueNode):
            return max(1, min(int(argument.value.value), MAX_PAGE))
        if isinstance(argument.value, VariableNode):
            return MAX_PAGE
    return DEFAULT_PAGE


class Estimate:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]):
        self.schema = schema
        self.fragments = fragments

    def of(
        self,
        selections: SelectionSetNode,
        parent: GraphQLNamedType | None,
        multiplier: int,
        spreading: frozenset[str] = frozenset(),
    ) -> int:
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, multiplier, spreading)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.of(selection.selection_set, target, multiplier, spreading)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in spreading:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.of(fragment.selection_set, target, multiplier, spreading | {name})
        return total

    def _field(
        self, node: FieldNode, parent: GraphQLNamedType | None, multiplier: int,
        spreading: frozenset[str],
    ) -> int:  # fmt: skip
        fields = (
            parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
        )
        definition = fields.get(node.name.value)
        if definition is None or node.selection_set is None:
            return 0  # a scalar, or an unknown field other rules report
        target = get_named_type(definition.type)
        in_page = parent is not None and parent.name.endswith("Connection")
        if target.name.endswith("Connection"):
            multiplier *= _page_size(node)
        elif _is_list(definition.type) and not in_page:  # a page's edges are its page
            multiplier *= LIST_ESTIMATE
        return multiplier + self.of(node.selection_set, target, multiplier, spreading)


def cost_limit_rule(max_cost: int) -> type[ValidationRule]:
    """A validation rule class (made once: the validation cache keys on the rule classes)."""

    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: object) -> None:
            context: ValidationContext = self.context
            document = context.document
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            root = context.schema.get_root_type(node.operation)
            cost = Estimate(context.schema, fragments).of(node.selection_set, root, 1)
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        f"Deze vraag is te groot: ze kan {cost} objecten opleveren, "
                        f"het maximum is {max_cost}. Vraag kleinere pagina's op.",
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": max_cost},
                    )
                )

    return CostLimit
