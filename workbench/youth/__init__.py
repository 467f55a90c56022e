"""Young people's panels: sessions and one-time access codes, the young person's journey, paper answers,
"I statements" and the young people's view of the results. Nothing stored here identifies a person."""
