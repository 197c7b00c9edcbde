"""`mtqa eval`: measure mtqa on the shared, human-judged evaluation sets (one small evaluator per dataset)."""

from mtqa.eval import demetr, guerreiro, mlqe_pe  # noqa: F401  (register the dataset evaluators)
from mtqa.eval.base import EVALUATORS, Evaluator, Judgement, Table
from mtqa.eval.runner import EvalRun, ScoreFn, evaluate

__all__ = ["EVALUATORS", "EvalRun", "Evaluator", "Judgement", "ScoreFn", "Table", "evaluate"]
