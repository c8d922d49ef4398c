"""Presentation: services' typed values turned into template contexts, labels, query strings
and URLs (README "Architecture"). Nothing here talks to Wix; services never import it."""
