# EXPERIMENT (benchmark only, never applied to rules/): the ~50 "Criterion: ..." rules of rules/ merged into one
# rule "All criteria" that derives every criterion in one firing (their consequences concatenated). Removes 50 rule
# ids; measured in docs/performance.md to show what the remaining per-firing cost is.
# Usage: python3 merge_criteria.py rules/ target/drl-shape/merged
import re,sys,os,shutil,glob
src,dst=sys.argv[1],sys.argv[2]
shutil.rmtree(dst,ignore_errors=True); shutil.copytree(src,dst)
bodies=[]
for f in glob.glob(dst+'/classification/*.drl'):
    parts=re.split(r'(?m)^(?=(?://[^\n]*\n)*rule ")',open(f).read())
    keep=[]
    for p in parts:
        mm=re.search(r'(?m)^rule "([^"]*)"',p)
        if mm and mm.group(1).startswith('Criterion:'):
            bodies.append('{'+p.split('\nthen\n',1)[1].rsplit('\nend',1)[0]+'}')
        else:
            keep.append(p)
    open(f,'w').write(''.join(keep))
open(dst+'/classification/merged-criteria.drl','w').write('''package org.netlm.rules.classification;
import org.netlm.model.*;
import org.netlm.model.fact.*;
global CriteriaCollector criteria;
// Experiment: every criterion derived in one firing (the consequences of the former criterion rules).
rule "All criteria"
    @id("CLASS-CRIT-MERGED") @evidence("XUE2025")
when
    $p : PatientCase()
    $g : GradeFinding()
    $t : LiverTypeFinding()
    $r : ResectabilityFinding()
    $b : TumorBurdenFinding()
    $f : FitnessFinding()
then
'''+'\n'.join(bodies)+'''
end
''')
