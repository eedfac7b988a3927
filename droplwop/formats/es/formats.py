# The site's Spanish readers are in California, where Spanish writes numbers as in Mexico and
# the United States: 10,000 and 2.5. Django's generic "es" writes 10 000 and 2,5, which put two
# styles on one page beside the dollar amounts (donations.money writes "$1,000" in both
# languages). Dates and everything else come from Django's "es".
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
