"""Hand-written sales pages for the rubric tests: strong and weak, English and Portuguese."""

STRONG_EN = """<!doctype html><html><head><title>Keto Reset</title>
<style>.x{color:red}</style><script>var buy = "Buy now";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/blog">Blog</a></li></ul></nav>
<div><h1>How Keto Reset helps you lose 10 pounds in 21 days without starving</h1>
<h2>A step-by-step meal plan built by a dietitian for busy people over 40</h2></div>
<button onclick="go()">Get instant access now</button>
<ul>
 <li>21 days of done-for-you recipes with shopping lists
 <li>Video lessons you can follow at your own pace
 <li>A private community of 12,000 members
 <li>Printable tracker for your daily progress
 <li>Lifetime access including every future update
</ul>
<div><h3>What our customers say</h3>
<blockquote><p>“I lost 8 pounds in the first two weeks and never felt hungry.”</p>
 <cite>Maria P.</cite></blockquote>
<blockquote><p>“Clear recipes, real food, and the support team answered within a day.”</p>
 <footer>— John D.</footer></blockquote>
<p>"Best thirty dollars I have spent on my health this year." — Ana Lima</p></div>
<div><h3>60-Day Money-Back Guarantee</h3>
<p>Try it for 60 days. If you are not happy, email us for a full refund.</p></div>
<p>Only today: 50% off. Offer ends at midnight!</p>
<div class="timer-box" id="countdown">23:59:59</div>
<a href="https://pay.example.com/checkout/123">Yes! Buy Keto Reset now</a>
<footer><p>© 2026 Keto Reset. <a href="/terms">Terms</a></p></footer>
</body></html>"""

STRONG_PT = """<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">
<title>Método Horta</title></head><body>
<section><h1>Como colher seus próprios legumes em 30 dias, mesmo morando em apartamento</h1>
<p>O passo a passo que 3.500 alunos já seguem para ter uma horta em casa sem gastar muito.</p>
<div role="button">Quero garantir minha vaga</div></section>
<section><ul>
<li>Aulas em vídeo curtas e práticas para iniciantes</li>
<li>Planilha de plantio para cada mês do ano</li>
<li>Grupo exclusivo de alunos com suporte diário</li>
<li>Bônus: guia de adubação orgânica caseira</li>
</ul></section>
<section><h2>Depoimentos</h2>
<div><p>Em duas semanas eu já tinha alface e rúcula na varanda. Recomendo demais!</p>
<strong>— Carla Souza</strong></div>
<div><p>Material claro e objetivo, consegui montar tudo sozinha em um fim de semana.</p>
<strong>— Beatriz M.</strong></div>
<div><p>Nunca tinha plantado nada e hoje colho tomates toda semana, muito obrigado.</p>
<strong>— Pedro Alves</strong></div></section>
<section><h2>Garantia incondicional de 7 dias</h2>
<p>Se não gostar, devolvemos 100% do seu dinheiro em até 7 dias.</p></section>
<p>Últimas vagas com desconto — somente hoje!</p>
<a href="https://pay.hotmart.com/X123">Comprar agora</a>
</body></html>"""

WEAK = """<html><head><title>Super Course</title></head><body>
<h1>Welcome to Super Course</h1>
<ul><li>Videos</li><li>PDF</li></ul>
<p>Click below.</p>
<a href="#">More info</a>
</body></html>"""

HIDDEN_ONLY = """<html><body>
<div hidden><h1>How to win in 30 days</h1><blockquote>Great! <cite>Ann</cite></blockquote></div>
<div style="display: none">30-day money-back guarantee</div>
<p aria-hidden="true">Only today!</p>
<script>document.write("<h1>Guarantee 60 days</h1>")</script>
<p>Nothing to see here for now.</p>
</body></html>"""
