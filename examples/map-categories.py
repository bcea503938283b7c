#!/usr/bin/env python3
"""Rewrites the category column of a partnership's CSV export to HotspotIntel's codes before import.

usage: map-categories.py MAPPING.csv IN.csv > OUT.csv
MAPPING.csv has the columns partnership_category,category (one line per category of yours). A category with no line
stops the script naming it, so nothing is imported under a guessed code.
"""
import csv
import sys

mapping_path, input_path = sys.argv[1], sys.argv[2]
with open(mapping_path, newline="", encoding="utf-8") as mapping_file:
    ours = {row["partnership_category"].strip(): row["category"].strip() for row in csv.DictReader(mapping_file)}
with open(input_path, newline="", encoding="utf-8") as input_file:
    reader = csv.DictReader(input_file)
    writer = csv.DictWriter(sys.stdout, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    for line, row in enumerate(reader, start=2):
        theirs = row["category"].strip()
        if theirs not in ours:
            sys.exit(f"line {line}: no mapping for category {theirs!r}; add it to {mapping_path}")
        row["category"] = ours[theirs]
        writer.writerow(row)
