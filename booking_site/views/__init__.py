"""Thin views: parse input, call one service, render a page or its partial, or redirect."""
