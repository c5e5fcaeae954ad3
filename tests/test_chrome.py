"""Site chrome (vocabularies/chrome.yml): every rule catches the web, PDF and ad lines it is for, in simplified
and traditional characters and with ASCII or full-width punctuation, and never a line a leader said; mistakes
in the file are named with file, line and entry."""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechkb.stages.chrome import (
    CHROME_FILE,
    ChromeMatch,
    ChromeRule,
    ChromeRules,
    _Screen,
    _split,
    _words,
    load_chrome,
)
from speechkb.stages.vocabulary import VocabularyError
from tests.growth import TIME_GROWTH_MAX, slow_runs, time_growth

VOCABULARIES = Path(__file__).parent.parent / "vocabularies"
SEEDS = Path(__file__).parent.parent / "seeds"


@functools.cache
def _shipped() -> ChromeRules:
    return load_chrome(VOCABULARIES)


@pytest.fixture
def rules() -> ChromeRules:
    return _shipped()


# Lines each rule is for, as copied from web pages, PDFs and Word files.
POSITIVES: dict[str, list[str]] = {
    "government-site-footer": [
        "发布机构：某某市应急管理局　　发文日期：2023年12月05日",
        "名　　称：在全市城镇燃气安全排查整治工作推进会上的讲话",
        "扫一扫在手机上查看当前页面",
        "索引号：11510723MB0000000/2023-00123　　主题分类：安全生产",
        "蜀ICP备12345678号-1　　川公网安备 51072302000123号",
        "联系电话：0839-1234567　　邮编：628000",
    ],
    "government-site-name": ["云岭县人民政府网站", "雲嶺縣人民政府網站", "某某市应急管理局门户网站"],
    "wechat": ["原创 某某应急 2023-03-15 10:21 发表于四川", "点击蓝字关注我们", "往期推荐", "图片", "#安全生产 12个"],
    "wechat-account-reactions": [
        "清溪发布",
        "清溪县应急管理局发布",
        "阅读 1.2万",
        "阅读 10万+",
        "在看",
        "分享 收藏 点赞 在看",
    ],
    "document-site-notes": ["本文共计2345字，预计阅读时间6分钟", "此文档下载收益归作者所有", "2023年全县讲话稿.docx"],
    "end-mark": ["（完）", "(全文完)", "【END】"],
    "classification-mark": ["内部资料　注意保存", "內部資料，請勿外傳", "内部文件 妥善保管", "内部资料"],
    "document-apparatus": [
        "清岚县安全生产委员会办公室文件",
        "清安办〔2023〕12号",
        "（此件公开发布）",
        "抄送：县委办公室，县人大常委会办公室，县政协办公室。",
        "清岚县人民政府办公室　　　　2023年4月3日印发",
        "安全生产工作简报",
        "第12期",
        "〔2023〕第8期",
        "清岚县安全生产委员会办公室编　　2023年6月12日",
        "安全生产工作简报　第5期　清岚县安全生产委员会办公室　2023年4月12日",
        "安全生产工作简报 2023年第3期（总第45期）",
        "发：各乡镇人民政府，县级各部门。",
        "抄送：县委办公室，县人大常委会办公室，县政协办公室。",
        "抄报：市人民政府办公室",
        "清岚县人民政府办公室　　2023年3月16日印发",
        "县政府办公室 二〇二三年三月十六日印发",
        "（共印50份）",
    ],
    "photo-caption": [
        "▲会议现场",
        "▲王某某在会上讲话",
        "▲图为县委书记刘某某检查森林防火工作",
        "👇👇👇",
        "↓↓↓",
        "（图为会议现场。记者 刘某 摄）",
        "(图为副市长王某某在会上讲话)",
        "（记者　刘某　摄）",
    ],
    "table-of-contents": ["目　　录", "一、充分认识集中治理的重要性……………………………1", "第一部分　工作回顾..........3"],
    "transcript-speaker": [
        "发言人1 00:01:12",
        "说话人2  00:03:45",
        "说话人 1 03:45",
        "Speaker 1 00:12",
        "王某某 00:05:01",
        "王某某（00:05:01）：",
    ],
    "journal-apparatus": [
        "摘　要：本文是作者在全市安全生产工作会议上的讲话。",
        "中图分类号：X92　　文献标识码：A",
        "作者简介：韩某某，某某市人民政府副市长。",
        "（某某市人民政府，某某 000000）",
    ],
    "app-prompt": ["打开App，阅读体验更佳", "下载APP查看全文"],
    "share-bar": ["分享到：微信　微博　QQ空间", "分享至：朋友圈 微博 QQ"],
    "document-info": ["文档共6页下载积分：5上传者：wenku_user", "文档格式：doc 文档大小：36KB"],
    "compilation-title": ["安全生产大会讲话稿（精选3篇）", "安全会议讲话范文10篇", "安全生产讲话稿(通用5篇)"],
    "editorial-note": [
        "（本文有删节）",
        "(有删节)",
        "（根据录音整理，未经本人审阅）",
        "(根据市应急管理局提供材料整理)",
        "（根据会议记录整理）",
        "（小标题为编者所加）",
    ],
    "rule-line": ["---", "* * *", "________", "————————————", "━━━━━━"],
    "page-number": [
        "第1 页共 10 页",
        "第 3 页",
        "第3页/共10页",
        "第3页，共10页",
        "第3页,共10页",
        "共10页 第3页",
        "第三页",
        "- 3 -",
        "— 2 —",
        "－ 12 －",
        "3 / 10",
        "3／10",
        "Page 2 of 9",
        "- ii -",
        "— Ⅲ —",
        "－ IV －",
    ],
    "compilation-piece-label": ["代　序", "代序", "代前言", "代 后 记"],
    "bare-page-number": ["5", "12", "１２"],
    "site-breadcrumb": [
        "范文大全 > 讲话致辞 > 领导讲话",
        "第一范文网>讲话稿>领导讲话",
        "某某范文网 首页 > 讲话稿",
        "当前位置：首页 > 范文 > 讲话稿",
        "您现在的位置: 首页>工作总结",
        "首页 » 讲话稿 » 安全生产",
        "位置：首页 / 讲话稿",
        "人民网>>地方>>江岚频道",
    ],
    "site-name": [
        "范文库 · 2024-08-30",
        "某某范文网",
        "第一范文网 - 讲话稿频道",
        "百度文库",
        "原创力文档",
        "豆丁网",
        "360doc个人图书馆",
        "学习啦",
    ],
    "page-tools": [
        "首页",
        "字号：大 中 小",
        "字号:大 中 小",
        "【字体：大 中 小】",
        "打印本页 关闭窗口",
        "【打印本页】【关闭窗口】",
        "[打印] [关闭]",
        "分享到：",
        "登录 | 注册",
        "返回顶部",
        "上一页 下一页",
        "小字号",
        "大字号 小字号",
    ],
    "portal-attachment-field": ["相关附件：", "附件下载：", "【相关附件】", "相关附件：无", "附件：无"],
    "page-meta": [
        "字数：2100字　　发布：2024-04-15",
        "发布时间：2023-06-01 10:21 来源：本站 浏览：1024次",
        "发布时间:2023-06-01",
        "【发布日期：2023-06-01】",
        "作者：admin",
        "作者:佚名",
        "来源：本站原创",
        "来源:网络",
        "时间：2023-06-01 作者：佚名 来源：网络",
        "稿源：清岚县应急管理局　　发布时间：2023-06-09",
        "浏览：1024次",
        "阅读(1024)",
        "阅读（1024）",
        "1024人阅读",
        "责任编辑：张三",
        "关键词：安全生产 讲话",
        "栏目：讲话稿",
        "2024年03月12日08:15 | 来源：人民网－江岚频道",
        "2024-03-12 08:15:02　来源：新华网",
    ],
    "url": [
        "https://www.example.com/fanwen/123.html",
        "www.example.com",
        "本文链接：http://example.com/a.html",
        "原文地址: https://example.com/x",
        "HTTP://EXAMPLE.COM",
    ],
    "contact-ad": [
        "微信号：abc123",
        "微信号:abc123",
        "加老师微信获取全文",
        "加微信：fanwen888",
        "扫码关注公众号",
        "扫码",
        "长按识别二维码关注",
        "需要完整版请联系老师",
        "请点击右侧客服联系",
        "QQ：12345678",
        "qq:12345678",
        "公众号：安全范文",
        "客服微信：abc123",
    ],
    "compiled-by": [
        "更多精彩讲话稿，请关注本站“讲话致辞”栏目。",
        "下面是小编为大家整理的安全生产讲话稿，供大家参考。",
        "下面是小编为大家整理的……供大家参考",
        "小编精心整理",
        "本文由网友投稿整理",
        "以下是为大家整理的安全会议讲话范文，欢迎阅读。",
        "内容来自网友分享，仅供参考",
    ],
    "english-navigation": [
        "Home | About Us | News | Contact",
        "Home｜About Us｜News｜Contact",
        "Home",
        "Back to Top",
        "Privacy Policy | Terms of Use | Sitemap",
        "Government Affairs | Public Services | Interaction",
    ],
    "english-site-name": [
        "Qinglan County People's Government",
        "Qinglan County People’s Government",
        "The People's Government of Qinglan County",
        "QINGLAN COUNTY PEOPLE'S GOVERNMENT",
        "Qinglan Emergency Management Bureau",
        "Government of Qinglan County",
    ],
    "english-contact": [
        "Address: No. 8 Renmin Road, Qinglan County  Tel: 0551-1234567",
        "Tel: 0551-1234567  Fax: 0551-7654321",
        "E-mail: office@qinglan.gov.cn",
        "Zip Code: 230000",
    ],
    "copyright": [
        "© 版权声明",
        "Copyright © 2023 Qinglan County People's Government. All Rights Reserved.",
        "All rights reserved.",
        "版权声明：本文内容由互联网用户自发贡献",
        "文章版权归作者所有",
        "THE END",
        "The End",
        "—END—",
        "本文来源于网络，如有侵权请联系删除",
        "本文来源于网络,如有侵权请联系删除",
        "转载请注明出处",
        "Copyright © 2023 某某范文网 All Rights Reserved",
        "图片来源于网络",
        "未经授权，不得转载",
        "禁止转载",
    ],
    "prev-next": [
        "上一篇：2023年安全生产月活动总结",
        "下一篇：",
        "下一篇:安全讲话",
        "【下一篇】安全生产讲话稿",
        "下一条：某某",
    ],
    "related-links": [
        "相关推荐",
        "热门文章",
        "猜你喜欢",
        "更多>>",
        "【相关推荐】",
        "相关文章：安全生产讲话稿范文",
        "你可能也喜欢",
        "大家都在看",
    ],
    "download": [
        "下载文档",
        "免费下载",
        "下载Word版",
        "【点击下载】",
        "word版下载",
        "下载本文档",
        "下载地址：http://example.com/1.doc",
    ],
    "read-more": ["查看全文", "展开全文", "点击阅读全文>>", "继续阅读", ">>查看全部", "阅读全文…", "展开阅读全文∨"],
    "article-pager": [
        "共2页\u00a0\u00a0上一页\u00a01\u00a02\u00a0下一页",
        "1 2 3 下一页 尾页",
        "共3页: [1] [2] [3] 下一页",
        "第2页 共2页 上一页",
    ],
    "preview-end": [
        "预览结束，喜欢就下载吧！",
        "预览结束,喜欢就下载吧!",
        "——试读结束——",
        "试读已结束，如需继续阅读请付费",
        "预览到此为止",
    ],
    "truncated-text": [
        "(未完,全文共1662字,当前仅显示800字,请阅读下面提示信息。)",
        "（未完，全文共1662字，当前仅显示800字，请阅读下面提示信息。）",
        "（未完，继续阅读）",
        "（未完待续）",
        "（全文共3000字，当前仅显示500字）",
        "剩余3页未读，继续阅读",
        "本文共10页，当前仅显示前3页",
        "还剩2页未读",
        "未完待续",
    ],
    "read-all-login": [
        "阅读全部内容请先登录",
        "阅读全部请登录",
        "登录后查看全文",
        "下载完整版需要付费",
    ],
    "vip-offer": [
        "开通VIP免费下载",
        "VIP专享",
        "VIP会员免费下载全文，本文共1896字",
    ],
}

# Traditional-character copies: the rules are written in simplified characters and match these all the same.
TRADITIONAL: list[tuple[str, str]] = [
    ("第1 頁共 10 頁", "page-number"),
    ("某某範文網 首頁 > 講話稿", "site-breadcrumb"),
    ("當前位置：首頁 > 範文", "site-breadcrumb"),
    ("某某範文網", "site-name"),
    ("打印本頁 關閉窗口", "page-tools"),
    ("字號：大 中 小", "page-tools"),
    ("發佈時間：2023-06-01 10:21 來源：本站 瀏覽：1024次", "page-meta"),
    ("責任編輯：張三", "page-meta"),
    ("本文鏈接：http://example.com/a.html", "url"),
    ("微信號：abc123", "contact-ad"),
    ("掃碼關注公眾號", "contact-ad"),
    ("需要完整版請聯繫老師", "contact-ad"),
    ("下面是小編為大家整理的安全生產講話稿，供大家參考。", "compiled-by"),
    ("© 版權聲明", "copyright"),
    ("文章版權歸作者所有", "copyright"),
    ("本文來源於網絡，如有侵權請聯繫刪除", "copyright"),
    ("上一篇：安全生產月活動總結", "prev-next"),
    ("下一篇：", "prev-next"),
    ("相關推薦", "related-links"),
    ("熱門文章", "related-links"),
    ("下載文檔", "download"),
    ("查看全文", "read-more"),
    ("預覽結束，喜歡就下載吧！", "preview-end"),
    ("(未完,全文共1662字,當前僅顯示800字,請閱讀下面提示信息。)", "truncated-text"),
    ("閱讀全部內容請先登錄", "read-all-login"),
    ("發言人1 00:01:12", "transcript-speaker"),
    ("說話人2  00:03:45", "transcript-speaker"),
]

# Lines a leader says, or a speech's own title, date and byline lines: never chrome, never cut.
SPEECH = [
    "要加强联系群众",
    "各乡镇要认真做好下一步工作",
    "第一，要提高认识",
    "第三，要强化责任落实",
    "二、全面排查",
    "（一）创新方式方法，安全监管责任更加落实",
    "(二)夯实基层基础，安全保障能力明显提升",
    "1.加强组织领导",
    "（1）",
    "3月15日，县政府召开会议",
    "请大家认真抓好落实。",
    "（2023年3月15日）",
    "(2023年3月15日)",
    "2025-04-02",
    "2025年4月2日",
    "二〇二三年三月十五日",
    "县委副书记、县长　王某某",
    "同志们：",
    "同志们，安全生产工作事关社会稳定和人民群众生命财产安全。",
    "谢谢大家！",
    "安全生产会议上的讲话",
    "在全县安全生产工作会议上的讲话",
    "2023年全县安全生产工作会议讲话稿",
    "时间：2023年3月15日",
    "地点：县政府三楼会议室",
    "下面，我讲三点意见：",
    "以上意见，仅供大家参考。",
    "以上几点，希望对大家有所帮助。",
    "秉持“100－1＝0”的底线思维",
    "1－6月份，全市共发生各类生产安全事故3起。",
    "一是主体责任不落实。",
    "下一步，我们要持续深化专项整治。",
    "上下一条心，拧成一股绳。",
]

# Near misses: speech lines that share words with a rule.
NEAR_MISSES: dict[str, list[str]] = {
    "government-site-footer": ["要公布举报电话，畅通群众监督渠道。", "县应急管理局是这次检查的主办单位之一。"],
    "government-site-name": [
        "云岭县人民政府",
        "县人民政府要加强统筹协调。",
        "在县人民政府的坚强领导下，各项工作有序推进。",
    ],
    "wechat": ["图片和视频资料要及时归档。", "要发挥微信公众号宣传作用。", "原创作品要依法保护。"],
    "wechat-account-reactions": [
        "预警信息统一由县应急管理局发布",
        "要及时发布",
        "汛情信息经县防指发布",
        "阅读 1.2万字的材料",
        "在看到问题的同时",
        "分享经验、收藏案例",
    ],
    "document-site-notes": ["要加强广告牌等户外设施安全检查。", "温馨提示牌要设置在醒目位置。"],
    "end-mark": ["（完成整改的企业要及时销号）", "要确保按期完成任务。"],
    "classification-mark": [
        "内部资料要注意保存，严防泄露。",
        "内部管理制度不健全",
        "内部资料室要落实消防安全责任。",
    ],
    "document-apparatus": [
        "要把省政府文件精神传达到每一个企业。",
        "清岚县安全生产委员会办公室",
        "2023年3月20日",
        "第一期培训班要在6月底前完成。",
        "安全生产简报第5期刊发了我县的经验做法。",
        "第5期培训班于2023年4月12日开班。",
        "第5期　培训班要在6月底前完成",
        "发现隐患要立即报告：先报乡镇，再报县安委办。",
        "关于印发王某某同志在全县安全生产工作会议上的讲话的通知",
        "方案已于2023年3月16日印发",
        "各单位要按照县政府2023年3月16日印发的方案抓好落实。",
        "要把检查结果抄送有关部门。",
        "共印发宣传资料5000份。",
    ],
    "photo-caption": [
        "▲加强重点行业领域安全监管。",
        "▲严格落实领导干部带班制度",
        "👇请各单位抓好落实",
        "（图为参考，以实际为准。）下面我讲三点意见。",
    ],
    "table-of-contents": ["二、全面排查……", "目录要规范，台账要清楚。", "防范遏制重特大事故，关键在于把1"],
    "transcript-speaker": [
        "上午 09:30",
        "讲话人：王某某",
        "发言人：县应急管理局局长王某某",
        "8:30前全体参会人员到会场签到。",
        "王某某 09:30",
        "要在12:00:00前报送。",
        "发言人1提出，要在00:30前完成巡查。",
    ],
    "journal-apparatus": [
        "要抓住关键词：责任、风险、应急。",
        "（县应急管理局，电话 0000000）",
        "摘要报告要在月底前报送。",
    ],
    "app-prompt": ["要打开思路，提升应急处置能力。", "下载安装防诈骗App的工作要抓紧。"],
    "share-bar": ["分享经验做法，微信群要及时通报。", "要用好微信、微博等新媒体宣传安全知识。"],
    "document-info": ["要建立隐患排查文档，做到一企一档。", "全县共排查企业86家，下载整改通知书12份。"],
    "compilation-title": ["我讲三篇文章", "在全县安全生产工作会议上的讲话", "要写好安全发展这篇大文章。"],
    "editorial-note": [
        "（三）要严格执法，不得随意删减检查内容。",
        "（一）加强录音录像等执法记录。",
        "（二）根据检查记录整理问题清单，逐项销号。",
    ],
    "rule-line": ["——要守住安全底线", "--", "——县长　王某某", "***同志"],
    "page-number": [
        "第3页的表格要认真填写",
        "2023/2024年度安全目标",
        "3月15日",
        "全年共发生事故3起",
        "-civil-",
        "— VI型 —",
    ],
    "compilation-piece-label": ["代序言作者", "代表发言", "代理制度要落实"],
    "bare-page-number": ["2024", "12起", "1.5"],
    "site-breadcrumb": [
        "要把安全生产摆在首要位置。",
        "当前位置十分关键",
        "要把安全放在首位",
        "温度>35℃时，要停止露天高处作业。",
    ],
    "site-name": ["织牢安全网", "（三）织密安全防护网", "安全生产讲话稿", "要加强文秘队伍建设"],
    "page-tools": ["返回岗位后要认真落实", "关闭不符合安全条件的企业。", "打印出来张贴在醒目位置", "分享经验做法"],
    # A label of what the speech attaches (its attachment's title follows), and a sentence naming an attachment.
    "portal-attachment-field": ["附件：", "附件：2024年度安全生产重点任务分工", "相关附件要及时报送县安委办。"],
    "page-meta": [
        "作者：王某某",  # a named author may be the speaker: left to the byline reader
        "资金来源要落实到位。",
        "来源不明的危险化学品要依法处置。",
        "阅读量不是目的",
        "编辑部要加强审核。",
        "要在第一时间上报事故信息。",
        "2024年3月12日8:15，县应急局来源不明的报告已核实。",
    ],
    "url": ["要登录www平台填报", "网址和电话要公开"],
    "contact-ad": [
        "利用电视、报纸、微信公众号等各种媒体加强安全宣传。",
        "严格落实扫码测温、亮码通行等防控措施。",
        "进入公共场所必须扫码",
        "要增加微信群推送频次，扩大宣传覆盖面。",
        "家长要主动联系老师，了解学生在校安全情况。",
        "群众通过小程序一键点击即可联系网格员。",
        "要密切联系服务群众",
    ],
    "compiled-by": [
        "下面是县应急局整理的事故情况，请大家认真研究。",
        "这是县委、县政府为大家带来的实实在在的好处。",
    ],
    # A Latin word or an English sentence in a speech is the speech's (PM2.5, GDP, a quoted motto).
    "english-navigation": [
        "PM2.5",
        "GDP",
        "5G",
        "COVID-19",
        "要把Home、News等栏目办好",
        "今年以来，全县PM2.5平均浓度同比下降12%。",
        "PM2.5 | PM10",
    ],
    "english-site-name": [
        "Safety First",
        "Office",
        "正如一位专家所说，“Safety first, prevention foremost.”",
        "Microsoft Office 2019 要及时升级",
        "Address the problem at its root.",
    ],
    "english-contact": [
        "地址：清岚县人民路8号",
        "Address：清岚县人民路8号",
        "Tel：0551-1234567 县应急管理局值班室",
    ],
    "copyright": [
        "要及时澄清来源于网络的各类谣言。",
        "严禁转载、传播未经核实的事故信息。",
        "要加强版权保护工作。",
        "严厉打击各类侵权行为。",
    ],
    "prev-next": ["我们已经写好了上一篇章，更要书写好下一篇章。", "下一篇章将更加精彩"],
    "related-links": [
        "相关部门要各司其职。",
        "更多的精力要放在隐患排查上。",
        "推荐阅读《安全生产法》",
        "最新发布的数据显示",
    ],
    "download": ["为企业提供免费下载的安全培训课件。", "（二）一键下载功能要完善", "组织群众下载国家反诈中心APP。"],
    "read-more": ["要认真阅读全文，深刻领会精神实质。", "继续阅读有关文件"],
    "article-pager": ["共2页的材料要认真学习。", "第1页上的数据要核实。", "1 2 3", "下一页的表格列出了任务。"],
    "preview-end": ["会议结束后，各单位要立即传达。", "预览功能要完善"],
    "truncated-text": [
        "全文共分三个部分。",
        "剩余的隐患要限期整改。",
        "（未完成整改的企业要挂牌督办）",
        "对未完成整改任务的企业要依法处罚（未完成整改的要挂牌督办）",
    ],
    "read-all-login": [
        "企业登录系统后即可查看本企业的风险等级。",
        "积极吸纳规上企业成为会员单位。",
        "要认真阅读全部文件，登录系统填报。",
    ],
    "vip-offer": [
        "要为重点企业开通绿色通道。",
        "为VIP客户提供优质服务，更要提供安全的服务环境。",
        "成为安全生产的VIP，不是一句口号。",
    ],
}


def test_every_rule_has_positive_and_negative_tests(rules: ChromeRules) -> None:
    names = [rule.name for rule in rules.rules]
    assert len(set(names)) == len(names)
    assert set(names) == set(POSITIVES) == set(NEAR_MISSES)


def test_truncation_and_tail_flags(rules: ChromeRules) -> None:
    truncation = {rule.name for rule in rules.rules if rule.truncation}
    tail = {rule.name for rule in rules.rules if rule.tail}
    posts = {rule.name for rule in rules.rules if rule.of_post}
    assert truncation == {"read-more", "preview-end", "truncated-text", "read-all-login", "article-pager"}
    assert posts == {"wechat", "wechat-account-reactions"}
    assert tail == {"preview-end", "truncated-text", "read-all-login", "vip-offer"}


@pytest.mark.parametrize(("name", "line"), [(name, line) for name, lines in POSITIVES.items() for line in lines])
def test_a_chrome_line_is_named_by_its_rule(rules: ChromeRules, name: str, line: str) -> None:
    found = rules.line(line)
    assert found is not None, f"{line!r} is not chrome"
    assert found.name == name
    assert rules.tail(line) is None  # a whole chrome line has no tail
    assert rules.line(f"  {line}\u3000\n") == found  # white space around the line does not matter


@pytest.mark.parametrize(("line", "name"), TRADITIONAL)
def test_traditional_characters_match_the_simplified_rules(rules: ChromeRules, line: str, name: str) -> None:
    found = rules.line(line)
    assert found is not None, f"{line!r} is not chrome"
    assert found.name == name


@pytest.mark.parametrize(
    "line",
    [*SPEECH, *(line for lines in NEAR_MISSES.values() for line in lines)],
)
def test_a_speech_line_is_never_chrome(rules: ChromeRules, line: str) -> None:
    assert rules.line(line) is None
    assert rules.tail(line) is None


def test_no_line_of_the_seed_speeches_is_chrome(rules: ChromeRules) -> None:
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines
    sentences = [part for line in lines for part in re.split(r"(?<=[。；！？])", line)]
    chrome = [line for line in lines + sentences if rules.line(line) or rules.tail(line)]
    assert chrome == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("*本文来源：澄川市人民政府网*　*发布时间：2023-04-20 09:30*", "page-meta"),
        ("**来源：澄川市应急管理局**", "page-meta"),
        ("_责任编辑：赵某_", "page-meta"),
        ("> 责任编辑：赵某", "page-meta"),
        ("*上一篇：在全县森林防火工作会议上的讲话*", "prev-next"),
    ],
)
def test_markdown_marks_around_a_line_or_its_fields_do_not_hide_that_it_is_chrome(
    rules: ChromeRules, line: str, name: str
) -> None:
    found = rules.line(line)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "line",
    ["**一、深刻认识当前安全生产形势**", "> 人民至上、生命至上。", "***同志出席会议。", "**月**日，县政府召开会议。"],
)
def test_a_speech_line_in_markdown_marks_is_no_chrome(rules: ChromeRules, line: str) -> None:
    assert rules.line(line) is None and rules.tail(line) is None


def test_blank_lines_are_not_chrome(rules: ChromeRules) -> None:
    for blank in ("", "  ", "\u3000", "\n"):
        assert rules.line(blank) is None
        assert rules.tail(blank) is None


@pytest.mark.parametrize(
    ("line", "name", "notice"),
    [
        pytest.param(
            "……确保安全。(未完,全文共1662字,当前仅显示800字,请阅读下面提示信息。)",
            "truncated-text",
            "(未完,全文共1662字,当前仅显示800字,请阅读下面提示信息。)",
            id="not-finished",
        ),
        pytest.param(
            "……确保安全。（未完，全文共1662字，当前仅显示800字）  ",
            "truncated-text",
            "（未完，全文共1662字，当前仅显示800字）",
            id="full-width-and-trailing-space",
        ),
        pytest.param(
            "要加强隐患排查。全文共1662字，当前仅显示800字。",
            "truncated-text",
            "全文共1662字，当前仅显示800字。",
            id="bare",
        ),
        pytest.param(
            "要加强隐患排查。预览结束，喜欢就下载吧！", "preview-end", "预览结束，喜欢就下载吧！", id="preview"
        ),
        pytest.param("要加强隐患排查。 ——试读结束——", "preview-end", "——试读结束——", id="decorated"),
        pytest.param("……确保安全。阅读全部请登录", "read-all-login", "阅读全部请登录", id="login"),
        pytest.param(
            "……確保安全。(未完,全文共1662字,當前僅顯示800字)",
            "truncated-text",
            "(未完,全文共1662字,當前僅顯示800字)",
            id="traditional",
        ),
        pytest.param(
            "要加强隐患排查。(未完,全文共1662字,当前仅显示800字)预览结束，喜欢就下载吧！",
            "truncated-text",
            "(未完,全文共1662字,当前仅显示800字)预览结束，喜欢就下载吧！",
            id="two-notices-glued",
        ),
    ],
)
def test_a_notice_glued_to_the_end_of_a_speech_line_is_cut_off(
    rules: ChromeRules, line: str, name: str, notice: str
) -> None:
    assert rules.line(line) is None
    found = rules.tail(line)
    assert isinstance(found, ChromeMatch)
    assert found.rule.name == name
    assert found.rule.truncation
    assert line[found.start : found.end] == notice  # offsets into the original text
    assert line[: found.start].strip()  # speech stays before it


def test_the_tail_of_the_brief_starts_at_the_bracket(rules: ChromeRules) -> None:
    line = "……确保安全。(未完,全文共1662字,当前仅显示800字,请阅读下面提示信息。)"
    found = rules.tail(line)
    assert found is not None
    assert (found.start, found.end) == (line.index("("), len(line))


def test_notices_glued_together_make_a_chrome_line(rules: ChromeRules) -> None:
    found = rules.line("(未完,全文共1662字,当前仅显示800字)预览结束，喜欢就下载吧！")
    assert found is not None
    assert found.truncation
    assert rules.tail("(未完,全文共1662字,当前仅显示800字)预览结束，喜欢就下载吧！") is None


def test_line_and_tail_agree_when_asked_in_any_order(rules: ChromeRules) -> None:
    glued = "……确保安全。(未完,全文共1662字,当前仅显示800字)"
    first = rules.tail(glued)
    assert rules.line(glued) is None
    assert rules.tail(glued) == first
    assert rules.line("第 3 页") is not None
    assert rules.tail(glued) == first


@pytest.mark.parametrize("notice", ["（未完）", "预览结束", "阅读全部请登录"])
def test_a_line_of_a_thousand_notices_glued_together_is_read_in_linear_time(rules: ChromeRules, notice: str) -> None:
    def reading(count: int) -> Callable[[], object]:
        line = "要加强安全。" + notice * count
        # Another line asked in between: the rules keep their reading of the line asked last.
        return lambda: (rules.tail(line), rules.line("。"))

    assert time_growth(reading, 500) < TIME_GROWTH_MAX
    found = rules.tail("要加强安全。" + notice * 3)
    assert found is not None and found.start == len("要加强安全。")


@pytest.mark.parametrize("rule", _shipped().rules, ids=lambda rule: rule.name)
def test_no_pattern_is_slow_on_a_long_run_of_what_it_accepts(rule: ChromeRule) -> None:
    assert slow_runs(rule.pattern) == []


def test_no_rules_find_nothing() -> None:
    empty = ChromeRules()
    assert empty.line("第 3 页") is None
    assert empty.tail("……确保安全。(未完,全文共1662字)") is None


# --- the screen: a shortcut only, never a different answer ----------------------------------------------------


def _unscreened(rules: ChromeRules) -> ChromeRules:
    """The same rules, every one tried on every line: the answers the screen must give too."""
    plain = ChromeRules(rules.rules)
    object.__setattr__(plain, "_screen", _Screen(()))
    object.__setattr__(plain._screen, "apart", rules.rules)
    return plain


def _fragments() -> list[str]:
    """Pieces of chrome and of speech, to glue into lines the rules were not written for."""
    pieces = [line for lines in POSITIVES.values() for line in lines]
    pieces += [line for line, _ in TRADITIONAL] + SPEECH + [line for lines in NEAR_MISSES.values() for line in lines]
    pieces += ["。", "，", "：", ":", "(", ")", "（", "）", " ", "……", "1662", "abc123", "页", "首页", "微信", "全文共"]
    return pieces


@given(st.lists(st.sampled_from(_fragments()), min_size=1, max_size=4))
def test_the_screen_never_changes_an_answer(pieces: list[str]) -> None:
    rules = _shipped()
    plain = _unscreened(rules)
    line = "".join(pieces)
    assert rules.line(line) == plain.line(line)
    assert rules.tail(line) == plain.tail(line)


@given(st.text(alphabet="预览结束小编微信号上一篇页第共全文字未完()（）,，:：-— 123abcVIP登录下载首页>", max_size=30))
def test_the_screen_never_changes_an_answer_on_any_text(line: str) -> None:
    rules = _shipped()
    plain = _unscreened(rules)
    assert rules.line(line) == plain.line(line)
    assert rules.tail(line) == plain.tail(line)


def test_rules_the_screen_cannot_take_apart_are_tried_on_every_line() -> None:
    rules = ChromeRules(
        (
            ChromeRule("shouting", re.compile(r"(?i)^the end$")),
            ChromeRule("doubled", re.compile(r"^(\d)\1页$")),
            ChromeRule("named", re.compile(r"^(?P<page>\d+)页$")),
            ChromeRule("bare-number", re.compile(r"^[-—]\s*\d+\s*[-—]$")),
        )
    )
    assert [rule.name for rule in rules._screen.apart] == ["shouting", "doubled", "named"]
    assert rules.line("The END") == rules.rules[0]
    assert rules.line("33页") == rules.rules[1]
    assert rules.line("34页") == rules.rules[2]
    assert rules.line("- 3 -") == rules.rules[3]
    assert rules.line("要加强联系群众") is None


@pytest.mark.parametrize(
    ("source", "needles"),
    [
        ("小编", {"小编"}),
        ("(?:预览|试读)(?:已经?|就)?结束", {f"{a}{b}结束" for a in ("预览", "试读") for b in ("", "已", "已经", "就")}),
        ("^.{0,60}?微信号?\\s*[:：]", {"微信"}),  # 微信号 contains 微信: one word does
        ("第\\s*\\d+\\s*页", {"第"}),  # the longest stretch wins; 第 and 页 tie, the first is kept
        ("(?:上一篇|下一篇)?目录", {"目录"}),  # an optional group is not needed
        ("[|(]预览", {"预览"}),  # | and ( inside a class are characters
        ("\\(未完\\)", {"(未完)"}),  # escaped brackets are characters
        ("(?i:vip)会员", {"会员"}),  # case-folded letters are not spelled out
        ("(?=预)预览", {"预览"}),  # look-arounds consume nothing
        ("\\d+/\\d+", {"/"}),
        ("\\d+\\s*\\d+", None),
        ("(?:a|\\d)b", {"b"}),
    ],
)
def test_the_screen_reads_the_words_an_alternative_needs(source: str, needles: set[str] | None) -> None:
    assert _words(source)[1] == needles


def test_alternatives_are_split_at_the_top_level_only() -> None:
    assert _split("a|(b|c)|[|]|\\|") == ["a", "(b|c)", "[|]", "\\|"]
    assert _split("(a|b") is None


@given(st.text(alphabet="预览试读已经就结束第页12 :：微信号abvIPVip会员", max_size=12))
def test_every_match_contains_a_needle(text: str) -> None:
    sources = [
        "(?:预览|试读)(?:已经?|就)?结束",
        "^.{0,6}?微信号?\\s*[:：]",
        "第\\s*\\d+\\s*页",
        "(?i:vip)会员",
        "(?:已|就)+结束",
        "预?览(?:试|读){2}",
    ]
    for source in sources:
        needles = _words(source)[1]
        if re.search(source, text):
            assert needles is not None
            assert any(needle in text for needle in needles), (source, text)


# --- load errors --------------------------------------------------------------------------------------------------

VALID_ENTRY = """  - name: page-number
    description: PDF page numbers
    pattern: '^第\\s*\\d+\\s*页$'
"""


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / CHROME_FILE).write_text(text, encoding="utf-8")
    return tmp_path / CHROME_FILE


@pytest.mark.parametrize(
    ("entry", "line", "expected"),
    [
        pytest.param(
            "  - name: broken\n    description: x\n    pattern: '^第(\\d+页$'\n",
            7,
            r"chrome pattern 'broken' \(entry 2\): key 'pattern': not a valid regular expression: missing \)",
            id="invalid-regex",
        ),
        pytest.param(
            "  - name: everything\n    description: x\n    pattern: '第\\d+页|'\n",
            7,
            r"chrome pattern 'everything' \(entry 2\): key 'pattern': matches the empty string",
            id="empty-alternative",
        ),
        pytest.param(
            "  - name: everything\n    description: x\n    pattern: '\\b'\n",
            7,
            r"chrome pattern 'everything' \(entry 2\): key 'pattern': matches the empty string",
            id="zero-width",
        ),
        pytest.param(
            "  - name: misspelt\n    description: x\n    pattern: '^第\\d+页$'\n    truncaton: true\n",
            8,
            r"chrome pattern 'misspelt' \(entry 2\): key 'truncaton': unknown key",
            id="unknown-key",
        ),
        pytest.param(
            "  - name: page-number\n    description: x\n    pattern: '^- \\d+ -$'\n",
            5,
            r"chrome pattern 'page-number' \(entry 2\): name 'page-number' is already the name of entry 1 \(line 2\)",
            id="duplicate-name",
        ),
        pytest.param(
            "  - name: no-pattern\n    description: x\n",
            5,
            r"chrome pattern 'no-pattern' \(entry 2\): key 'pattern': missing",
            id="missing-pattern",
        ),
        pytest.param(
            "  - description: x\n    pattern: '^- \\d+ -$'\n",
            5,
            r"chrome pattern without a name \(entry 2\): key 'name': missing",
            id="missing-name",
        ),
        pytest.param(
            "  - name: Page Footer\n    description: x\n    pattern: '^- \\d+ -$'\n",
            5,
            r"chrome pattern 'Page Footer' \(entry 2\): key 'name': 'Page Footer' is not an id",
            id="name-not-an-id",
        ),
        pytest.param(
            "  - name: glued\n    description: x\n    pattern: '^预览结束$'\n    tail: true\n",
            7,
            r"chrome pattern 'glued' \(entry 2\): key 'pattern': a tail pattern cannot start with \^",
            id="anchored-tail",
        ),
        pytest.param(
            "  - name: footer\n    description: x\n    pattern: '^- \\d+ -$'\n    examples: ['— 2 —']\n",
            8,
            r"chrome pattern 'footer' \(entry 2\): the pattern does not match its example '— 2 —'",
            id="example-not-matched",
        ),
        pytest.param(
            "  - name: footer\n    description: x\n    pattern: '^- \\d+ -$'\n    truncation: 'yes'\n",
            8,
            r"chrome pattern 'footer' \(entry 2\): key 'truncation': Input should be a valid boolean",
            id="flag-not-boolean",
        ),
    ],
)
def test_a_mistake_is_reported_with_file_line_and_entry(tmp_path: Path, entry: str, line: int, expected: str) -> None:
    path = _write(tmp_path, "patterns:\n" + VALID_ENTRY + entry)
    with pytest.raises(VocabularyError) as raised:
        load_chrome(tmp_path)
    [problem] = [problem for problem in raised.value.diagnostics if re.search(expected, problem.message)]
    assert problem.path == path
    assert problem.line == line
    assert f"{path}:{line}: error: {problem.message}" in str(raised.value)


def test_a_pattern_that_eats_a_speech_line_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "patterns:\n"
        + VALID_ENTRY
        + "  - name: contact\n    description: x\n    pattern: '联系'\n"
        + "not_chrome:\n  - 第一，要提高认识\n  - 要加强联系群众\n  - 2025\n",
    )
    with pytest.raises(VocabularyError) as raised:
        load_chrome(tmp_path)
    messages = {problem.line: problem.message for problem in raised.value.diagnostics}
    assert messages[10] == "not_chrome: '要加强联系群众' is a speech line, but chrome pattern 'contact' makes it chrome"
    assert "not_chrome (item 3): 2025 is not text" in messages[11]
    assert all(problem.path == path for problem in raised.value.diagnostics)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "patterns:\n"
        + VALID_ENTRY
        + "  - name: page-number\n    description: x\n    pattern: '^[- \\d+ -$'\n    colour: red\n",
    )
    with pytest.raises(VocabularyError) as raised:
        load_chrome(tmp_path)
    messages = " ".join(problem.message for problem in raised.value.diagnostics)
    assert "already the name of entry 1" in messages
    assert "not a valid regular expression" in messages
    assert "key 'colour': unknown key" in messages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(None, "vocabulary file is missing", id="missing-file"),
        pytest.param("patterns: [\n", "invalid YAML", id="invalid-yaml"),
        pytest.param("patterns: []\n", "key 'patterns'", id="no-patterns"),
        pytest.param("pattern:\n" + VALID_ENTRY, "key 'pattern': unknown key", id="misspelt-top-key"),
    ],
)
def test_a_broken_file_is_an_error(tmp_path: Path, text: str | None, expected: str) -> None:
    if text is not None:
        _write(tmp_path, text)
    with pytest.raises(VocabularyError) as raised:
        load_chrome(tmp_path)
    assert any(expected in problem.message for problem in raised.value.diagnostics)
    assert all(problem.path == tmp_path / CHROME_FILE for problem in raised.value.diagnostics)


def test_the_shipped_file_loads_from_a_copy(tmp_path: Path) -> None:
    shutil.copy(VOCABULARIES / CHROME_FILE, tmp_path / CHROME_FILE)
    assert load_chrome(tmp_path) == load_chrome(VOCABULARIES)
