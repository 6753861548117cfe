"""The words that give a sales-page element away, in English and Portuguese.

Patterns match folded text (lower case, accents stripped: "últimas vagas" → "ultimas vagas"),
so one pattern covers both spellings a producer might type. They are deliberately plain
phrases: a reviewer has to explain its scores, and "matched 'money-back'" explains itself.
"""

from __future__ import annotations

import re
import unicodedata

GUARANTEE = re.compile(
    r"\bguarantee|\bgarantia|money[- ]back|\brefund|\breembolso|\bdevolu[cç]ao|\bdevolvemos"
    r"|risk[- ]free|sem risco|\bsatisfa[cç]ao garantida|\bseu dinheiro de volta"
)
DAYS = re.compile(r"\b(\d{1,3})\s*[- ]?\s*(?:days?|dias?)\b")
TESTIMONIAL_HEADING = re.compile(
    r"testimonial|depoimento|what .{0,30}(?:say|said)|o que .{0,30}(?:dizem|falam)|reviews?\b"
    r"|avalia[cç]o|success stor|historias de sucesso|resultados de (?:alunos|clientes)"
)
CTA = re.compile(
    r"\bbuy\b|\border\b|\bget (?:instant |immediate |lifetime )?access|add to cart|checkout"
    r"|\benrol+|\bjoin\b|\bstart (?:now|today)|\bsign up|\bget (?:it|started|yours|my)|\byes[!,]"
    r"|\bcompr(?:ar|e|o)\b|\bquero\b|\bgarant(?:ir|a) (?:a |minha |sua )?(?:vaga|acesso|copia)"
    r"|\binscrev|\bassin(?:ar|e)\b|\badquir|\bacess(?:ar|e) agora|\bcomece agora|\bpegar"
)
CTA_HREF = re.compile(r"checkout|/cart|/order|/buy|pay\.|comprar|#order|#checkout|#buy")
URGENCY = re.compile(
    r"countdown|only today|today only|ends (?:tonight|today|soon|in|at midnight)|last chance"
    r"|limited (?:time|spots|offer|seats|places)|only \d+ (?:spots|seats|copies|places|left)"
    r"|\bhurry|expires?\b|before (?:it'?s gone|midnight|the price)|price (?:goes up|increases)"
    r"|somente hoje|so hoje|apenas hoje|ultimas vagas|vagas limitadas|tempo limitado"
    r"|ultima chance|acaba (?:hoje|em|a meia-noite)|termina (?:hoje|em)|oferta (?:relampago|expira)"
    r"|contagem regressiva|restam (?:apenas )?\d+|corra\b|\bonly \$?[\d.,]+ today"
)
SOCIAL_NUMBER = re.compile(
    r"\b\d[\d.,]*\s*\+?\s*(?:students|customers|members|clients|people|buyers|readers|users"
    r"|alunos|clientes|membros|pessoas|compradores|leitores|usuarios)\b"
)
# Generic headlines say nothing about the offer: "Welcome to X", "A new product: X".
GENERIC_HEADLINE = re.compile(
    r"^(?:welcome|bem[- ]vindo|a new product|novo produto|um novo produto|home|inicio)\b"
)
# What a specific headline tends to carry: a promise, a mechanism, an audience, a number.
SPECIFIC_HEADLINE = re.compile(
    r"\bhow\b|\bcomo\b|step[- ]by[- ]step|passo a passo|\bresults?\b|\bresultados?\b"
    r"|even if|mesmo que|\bmethod|\bmetodo|\bwithout\b|\bsem\b|\bin \d+|\bem \d+|\byou\b"
    r"|\bvoce\b|\bfinally\b|\bfinalmente\b|\bsecret|\bsegredo|\bproven|\bcomprovad"
)
BULLET_MARKS = "✓✔✅☑•▶►→★⭐-–*"


def fold(text: str) -> str:
    """Lower case without accents, for matching: 'Últimas Vagas' → 'ultimas vagas'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def excerpt(text: str, limit: int = 120) -> str:
    """A short quotation for the evidence: whole if short, else cut at a word with '…'."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
