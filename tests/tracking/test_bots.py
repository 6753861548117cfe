"""Crawler user agents: the ones ad platforms and link expanders send, and real browsers
that must not be mistaken for them."""

import pytest

from affiliate.tracking.bots import announces_crawler, crawler_or_prefetch

CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    "AdsBot-Google (+http://www.google.com/adsbot.html)",
    "Mediapartners-Google",
    "WhatsApp/2.23.20.0",
    "TelegramBot (like TwitterBot)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
    "python-requests/2.32.3",
    "curl/8.5.0",
    "Wget/1.21.4",
    "Go-http-client/2.0",
    "okhttp/4.12.0",
    "Scrapy/2.11 (+https://scrapy.org)",
    "Mozilla/5.0 (compatible; YandexBot/3.0)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl)",
]
PEOPLE = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    # CUBOT is a phone maker: "bot" inside its name is not a crawler.
    "Mozilla/5.0 (Linux; Android 12; CUBOT KINGKONG 7) AppleWebKit/537.36 Chrome/120 Mobile",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36 [FBAN/FBIOS;FBAV/450.0]",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5; rv:132.0) Gecko/20100101 Firefox/132.0",
]


@pytest.mark.parametrize("user_agent", CRAWLERS)
def test_crawlers_are_recognised_whatever_their_case(user_agent):
    assert announces_crawler(user_agent)
    assert announces_crawler(user_agent.upper())
    assert crawler_or_prefetch(user_agent, {}) == "crawler user agent"


@pytest.mark.parametrize("user_agent", PEOPLE)
def test_browsers_are_people(user_agent):
    assert not announces_crawler(user_agent)
    assert crawler_or_prefetch(user_agent, {}) is None


def test_a_prefetch_and_a_missing_user_agent_are_not_visits():
    assert crawler_or_prefetch(PEOPLE[0], {"sec-purpose": "prefetch;prerender"}) == "prefetch"
    assert crawler_or_prefetch(None, {}) == "no user agent"
