"""Output for people: the guide, reports and GROW plans as Markdown or HTML, charts, and notebook display."""
