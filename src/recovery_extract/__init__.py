"""recovery-extract: typed records from Chinese/English news about China's industrial recovery.

>>> import recovery_extract as rx
>>> doc = rx.extract("截至2月24日,济南市规模以上工业企业开工率98.78%。", published="2020-02-25")
>>> doc.language, doc.script
('zh', 'Hans')
"""

from __future__ import annotations

from . import display  # noqa: F401 - registers the notebook view of Document
from .batch import Failure, extract_many
from .errors import DecodeError, PatternError, RecoveryExtractError
from .explain import explain
from .frame import indicator_rows, to_frame
from .extract.numbers import Number, find_numbers
from .pipeline import Pipeline, extract
from .records import AgencyMention, DateMention, Document, Indicator, Quantity, RegionMention

__version__ = "0.1.0"

__all__ = [
    "AgencyMention",
    "DateMention",
    "DecodeError",
    "Document",
    "Failure",
    "Indicator",
    "Number",
    "PatternError",
    "Pipeline",
    "Quantity",
    "RecoveryExtractError",
    "RegionMention",
    "__version__",
    "explain",
    "extract",
    "extract_many",
    "find_numbers",
    "indicator_rows",
    "to_frame",
]
