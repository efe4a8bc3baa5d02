# EXPERIMENT (benchmark only, never applied to rules/): rewrites every recommendation rule so that its
# Criterion( code == CriterionCode.X, state ) patterns become one CriteriaSet( state(CriterionCode.X), ... ) pattern
# (alpha constraints only, no joins), and adds a rule that collects the criteria into one CriteriaSet fact.
# Keeps every rule and rule id. Usage: python3 aggregate.py rules/ target/drl-shape/aggregate
import re,sys,os,shutil,collections,glob
src,dst=sys.argv[1],sys.argv[2]
shutil.rmtree(dst,ignore_errors=True); shutil.copytree(src,dst)
pat=re.compile(r'^\s*Criterion\( code == CriterionCode\.([A-Z0-9_]+), ([!a-z]+) \)\s*$')
m={'met':'met','unmet':'unmet','unknown':'unknown','!met':'notMet','!unmet':'notUnmet'}
files=glob.glob(dst+'/recommendation/*.drl')
for f in files:
    lines=open(f).read().split('\n')
    out=[];i=0
    while i<len(lines):
        if lines[i].strip()=='when':
            out.append(lines[i]); j=i+1; block=[]
            while lines[j].strip()!='then': block.append(lines[j]); j+=1
            cons=[];other=[]
            for b in block:
                mm=pat.match(b)
                if mm: cons.append('%s(CriterionCode.%s)'%(m[mm.group(2)],mm.group(1)))
                else: other.append(b)
            if cons: out.append('    CriteriaSet( '+', '.join(cons)+' )')
            out+=other; i=j; continue
        out.append(lines[i]); i+=1
    open(f,'w').write('\n'.join(out))
open(dst+'/classification/aggregate.drl','w').write('''package org.netlm.rules.classification;
import org.netlm.model.*;
// Experiment: every criterion of the patient in one fact, for the single-pattern recommendation rules.
rule "Collect criteria"
    @id("CLASS-AGG") @evidence("WHO2022")
    salience -10
when
    $l : java.util.List() from collect( Criterion() )
then
    insert(CriteriaSet.of($l));
end
''')
