"""Segmentation: a Document -> the segments translators see (sentences or paragraphs), and back."""
