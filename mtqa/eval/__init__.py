"""`mtqa eval`: measure mtqa on the shared, human-judged evaluation sets (one small evaluator per dataset)."""

from mtqa.eval import ced, demetr, demetr_fixes, guerreiro, jfleg, mlqe_pe, mqm  # noqa: F401  (register them)
from mtqa.eval.base import EVALUATORS, Evaluator, Judgement, Measures, Table
from mtqa.eval.runner import EvalRun, ScoreFn, evaluate

__all__ = ["EVALUATORS", "EvalRun", "Evaluator", "Judgement", "Measures", "ScoreFn", "Table", "evaluate"]
