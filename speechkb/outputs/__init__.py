"""What is made from the knowledge: Markdown pages, the briefing (page and PDF), kb.json, and the one place
where text is escaped for them.
"""
