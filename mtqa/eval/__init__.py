"""`mtqa eval`: measure mtqa on the shared, human-judged evaluation sets (one small evaluator per dataset)."""

from mtqa.eval import (  # noqa: F401  (register the evaluators, in the order their tables are printed)
    artefacts,
    demetr,
    demetr_fixes,
    guerreiro,
    jfleg,
    mlqe_pe,
    mqm_zhen,
    wmt22_ced,
)
from mtqa.eval.base import EVALUATORS, Evaluator, Judgement, Measures, Table
from mtqa.eval.runner import EvalRun, evaluate

__all__ = ["EVALUATORS", "EvalRun", "Evaluator", "Judgement", "Measures", "Table", "evaluate"]
